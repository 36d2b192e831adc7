package dev.verity.search.search;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.ReadScope;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.search.index.CardQuery;
import dev.verity.search.index.SearchCursor;
import dev.verity.search.index.SearchCursors;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Find verified answers")
@SecurityRequirement(name = "bearer")
public class SearchResource {

    static final int MAX_QUERY_LENGTH = 500;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG_LENGTH = 100;

    /** The verification states a search can be narrowed to. */
    enum VerificationState { VERIFIED, UNVERIFIED }

    private final CardSearch index;
    private final CollectionAccess access;
    private final CurrentUser user;

    private final SearchCursors cursors;

    SearchResource(CardSearch index, CollectionAccess access, CurrentUser user, SearchCursors cursors) {
        this.cursors = cursors;
        this.index = index;
        this.access = access;
        this.user = user;
    }

    @GET
    @Operation(operationId = "searchCards", summary = "Search cards",
            description = "Full-text search over the published cards of the collections the caller may read (org "
                    + "admins: all; a revoked grant applies within seconds). Title weighs most, then tags, then text; "
                    + "the words as a phrase rank higher; verified cards rank above unverified ones, and recently "
                    + "verified above long ago; cards many people opened from a search (`POST /search/clicks`) rise a "
                    + "little. Typos are tolerated when the exact words find fewer than 3 cards; when even that finds "
                    + "nothing, cards holding all words but one are returned (`partialMatch`, queries of 3+ words). "
                    + "Each hit carries a plain-text snippet with the matched words in <mark>, and the path of each folder "
                    + "it is filed in (from the current folder tree). `folderId` also finds cards in its sub-folders. "
                    + "The first page carries "
                    + "facet counts (collection, tag, verification state) within the same filters; `nextCursor` "
                    + "fetches the next page (the same way the first was found); it is opaque and sealed. Hits carry "
                    + "no relevance score: it depends on every card in the index, unreadable ones included. When nothing is found, `didYouMean` "
                    + "may offer a corrected query. A card "
                    + "is searchable about a second after its event.")
    @APIResponse(responseCode = "200", description = "Matching cards, best first",
            content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid `q`, `limit`, `cursor` or filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResponse search(
            @Parameter(description = "What to look for (1–500 characters)", required = true, example = "refund")
            @QueryParam("q") String q,
            @Parameter(description = "Hits to return", example = "10", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page, unchanged") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only cards of this collection (id)", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @QueryParam("collectionId") String collectionId,
            @Parameter(description = "Only cards filed in this folder (id) or in any folder below it. A folder of a "
                    + "collection the caller cannot read finds nothing (never an error)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("folderId") String folderId,
            @Parameter(description = "Only cards with this tag, e.g. `billing`; repeat for several (all must be on the "
                    + "card), at most 10") @QueryParam("tag") List<String> tags,
            @Parameter(description = "Only cards in this verification state",
                    schema = @Schema(enumeration = {"VERIFIED", "UNVERIFIED"})) @QueryParam("verification") String verification,
            @Parameter(description = "Only cards this user owns") @QueryParam("ownerId") String ownerId,
            @Parameter(description = "Only cards updated at or after this instant", example = "2026-06-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only cards updated before this instant") @QueryParam("updatedBefore") String updatedBefore,
            @Parameter(description = "Deprecated: use `collectionId`", deprecated = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("collection") String collection,
            @Parameter(description = "Deprecated: use `folderId`", deprecated = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("folder") String folder,
            @Parameter(description = "Deprecated: use `ownerId`", deprecated = true) @QueryParam("owner") String owner,
            @Parameter(description = "Deprecated: use `updatedSince`", deprecated = true)
            @QueryParam("updatedAfter") String updatedAfter) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw ProblemException.invalidParameter("q", "is required: say what to look for");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalidParameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        Instant from = QueryParameters.instant("updatedSince",
                QueryParameters.renamed("updatedSince", updatedSince, "updatedAfter", updatedAfter));
        Instant to = QueryParameters.instant("updatedBefore", updatedBefore);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidParameter("updatedBefore", "must be later than updatedSince");
        }
        VerificationState state = QueryParameters.oneOf("verification", verification, VerificationState.class);
        UUID inFolder = QueryParameters.uuid("folderId", QueryParameters.renamed("folderId", folderId, "folder", folder));
        SearchCursor after = cursors.open(cursor);
        ReadScope scope = access.readScope(Viewer.of(user));
        CardQuery query = new CardQuery(text,
                QueryParameters.uuid("collectionId", QueryParameters.renamed("collectionId", collectionId, "collection", collection)),
                inFolder == null ? null : index.folderFilter(inFolder, scope), tags(tags), state == null ? null : state.name(),
                QueryParameters.text("ownerId", QueryParameters.renamed("ownerId", ownerId, "owner", owner), 200), from, to,
                QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), after);
        return index.answer(text, query, scope, user.id());
    }

    private static List<String> tags(List<String> raw) {
        List<String> tags = new ArrayList<>();
        for (String tag : raw == null ? List.<String>of() : raw) {
            String value = QueryParameters.text("tag", tag, MAX_TAG_LENGTH);
            if (value != null && !value.isEmpty()) {
                tags.add(value);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw ProblemException.invalidParameter("tag", "may be given at most " + MAX_TAGS + " times");
        }
        return tags;
    }
}
