package dev.verity.search.similar;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.search.index.SearchPage;
import dev.verity.search.search.SearchResponse;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** "See also" for a card, and "this may already exist" for a draft before it is saved. */
@Path("/search/similar")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Find verified answers")
@SecurityRequirement(name = "bearer")
public class SimilarResource {

    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 20;

    @Schema(name = "Draft", description = "A card not saved yet: its title and body, as the author has them")
    public record Draft(
            @NotNull @Size(min = 1, max = 300) @Schema(example = "How do I refund an annual plan?") String title,
            @Size(max = 100_000) @Schema(example = "Refund pro rata from the order page.") String body) {
    }

    @Schema(name = "SimilarCards", description = "Readable published cards most alike first")
    public record SimilarCards(List<SearchResponse.SearchHit> hits) {
    }

    private final SimilarCardSearch index;
    private final CollectionAccess access;
    private final CurrentUser user;

    SimilarResource(SimilarCardSearch index, CollectionAccess access, CurrentUser user) {
        this.index = index;
        this.access = access;
        this.user = user;
    }

    @GET
    @Path("{cardId}")
    @Operation(operationId = "findSimilarCards", summary = "Cards like this card",
            description = "Published cards the caller may read whose title and text share the most telling words "
                    + "with the card's (the card itself left out).")
    @APIResponse(responseCode = "200", description = "Most alike first",
            content = @Content(schema = @Schema(implementation = SimilarCards.class)))
    @APIResponse(responseCode = "404", description = "No published card with this id that the caller may read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SimilarCards similarToCard(@Parameter(description = "The card's id") @PathParam("cardId") String cardId,
            @Parameter(description = "Cards to return", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        UUID id = QueryParameters.requiredUuid("cardId", cardId);
        int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return index.similarTo(id, size, access.readScope(Viewer.of(user)))
                .map(this::of)
                .orElseThrow(() -> ProblemException.notFound("card", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "findPossibleDuplicates", summary = "Cards that may already say what a draft says",
            description = "Before saving, an author sends the draft's title and body and sees the published cards they "
                    + "may read that are most like it, to improve one of those instead of writing a duplicate.")
    @APIResponse(responseCode = "200", description = "Most alike first; empty when nothing is alike",
            content = @Content(schema = @Schema(implementation = SimilarCards.class)))
    public SimilarCards similarToDraft(@Valid @NotNull Draft draft,
            @Parameter(description = "Cards to return", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return of(index.similarToDraft(draft.title(), draft.body(), size, access.readScope(Viewer.of(user))));
    }

    private SimilarCards of(List<SearchPage.Hit> hits) {
        return new SimilarCards(index.withPaths(hits));
    }
}
