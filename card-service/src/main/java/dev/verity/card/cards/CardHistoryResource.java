package dev.verity.card.cards;

import dev.verity.card.content.LineDiff;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cards/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card history", description = "Every change of a card is a version: list them, read one, diff two, bring an old one back.")
@SecurityRequirement(name = "bearer")
public class CardHistoryResource {

    private final CardService cards;
    private final CardViews views;
    private final CurrentUser user;

    CardHistoryResource(CardService cards, CardViews views, CurrentUser user) {
        this.cards = cards;
        this.views = views;
        this.user = user;
    }

    @Schema(name = "CardVersionSummary")
    public record VersionSummary(@Schema(example = "4") long version,
            @Schema(description = "CREATED, EDITED, RESTORED_VERSION, MOVED, ARCHIVED, RESTORED or IMPORTED", example = "EDITED") String change,
            @Schema(example = "PayPal refunds are now instant") String summary, @Schema(example = "bob") String authorId,
            Instant createdAt, @Schema(example = "How do I issue a refund?") String title, @Schema(example = "PUBLISHED") String status) {
        static VersionSummary of(CardVersion v) {
            return new VersionSummary(v.version, v.change.name(), v.summary, v.authorId, v.createdAt, v.title, v.status.name());
        }
    }

    @Schema(name = "CardVersionList")
    public record VersionList(List<VersionSummary> items,
            @Schema(description = "Pass as `cursor` for the next (older) page; null on the last page", nullable = true) String nextCursor) {
    }

    @Schema(name = "CardVersion")
    public record VersionResponse(UUID cardId, long version, String change, String summary, String authorId,
            Instant createdAt, String title, @Schema(description = "Markdown source at that version") String body,
            List<String> tags, String status) {
        static VersionResponse of(CardVersion v) {
            return new VersionResponse(v.cardId, v.version, v.change.name(), v.summary, v.authorId, v.createdAt, v.title,
                    v.body, List.copyOf(v.tags), v.status.name());
        }
    }

    @Schema(name = "CardDiff", description = "Line diff of `# title` plus the Markdown body between two versions")
    public record DiffResponse(long from, long to, @Schema(example = "2") int added, @Schema(example = "1") int removed,
            @Schema(description = "Every line once, marked CONTEXT, ADDED or REMOVED, with its old and new line numbers") List<LineDiff.Line> lines,
            @Schema(description = "The same as a unified diff (3 lines of context); empty when identical",
                    example = "--- v3\n+++ v4\n@@ -3,2 +3,2 @@\n-PayPal: 1 day\n+PayPal: instant") String unified,
            @Schema(description = "True when the exact (shortest) diff was too costly to compute: the diff is still correct, every line shown once in order, but may mark more lines changed than necessary") boolean approximate) {
    }

    @GET
    @Path("versions")
    @Operation(operationId = "listCardVersions", summary = "List a card's versions", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of versions", content = @Content(schema = @Schema(implementation = VersionList.class)))
    public VersionList versions(@PathParam("id") UUID id,
            @Parameter(description = "`nextCursor` of the previous page: list versions older than this") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "Deprecated: use `cursor`", deprecated = true) @QueryParam("before") String before) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<CardVersion> page = cards.versions(id, versionNumber("cursor", QueryParameters.renamed("cursor", cursor, "before", before)), size);
        return new VersionList(page.stream().map(VersionSummary::of).toList(),
                page.size() < size ? null : Long.toString(page.get(page.size() - 1).version));
    }

    @GET
    @Path("versions/{version}")
    @Operation(operationId = "getCardVersion", summary = "Read one version of a card")
    @APIResponse(responseCode = "200", description = "The card as it was", content = @Content(schema = @Schema(implementation = VersionResponse.class)))
    public VersionResponse version(@PathParam("id") UUID id, @PathParam("version") String version) {
        return VersionResponse.of(cards.version(id, required("version", version)));
    }

    @GET
    @Path("diff")
    @Operation(operationId = "diffCardVersions", summary = "Diff two versions of a card", description = "A line diff of the Markdown (title as a first `# ` line).")
    @APIResponse(responseCode = "200", description = "The diff", content = @Content(schema = @Schema(implementation = DiffResponse.class)))
    public DiffResponse diff(@PathParam("id") UUID id,
            @Parameter(description = "Older version", required = true, example = "3") @QueryParam("from") String from,
            @Parameter(description = "Newer version", required = true, example = "4") @QueryParam("to") String to) {
        long a = required("from", from);
        long b = required("to", to);
        LineDiff diff = cards.diff(id, a, b);
        return new DiffResponse(a, b, diff.added(), diff.removed(), diff.lines(), diff.unified(), diff.approximate());
    }

    @POST
    @Path("versions/{version}/restore")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "restoreCardVersion", summary = "Bring an old version back", description = "Needs AUTHOR; requires `If-Match`. The old title, body and tags become a new version (history is never rewritten). Publishes `card.updated`.")
    @APIResponse(responseCode = "200", description = "The card at its new version", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "403", description = "Your role does not allow editing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The card is archived, or already says exactly this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response restoreVersion(@PathParam("id") UUID id, @PathParam("version") String version,
            @Parameter(description = CardResource.IF_MATCH_DESCRIPTION, required = true, example = "\"5\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return views.ok(cards.restoreVersion(id, required("version", version),
                VersionTags.expectedVersion(ifMatch), user.id()));
    }

    private static long required(String name, String raw) {
        Long value = versionNumber(name, raw);
        if (value == null) {
            throw ProblemException.invalidParameter(name, "is required");
        }
        return value;
    }

    private static Long versionNumber(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidParameter(name, "must be a version number (1 or more), got '" + raw + "'");
    }
}
