package dev.verity.search.rest;

import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.search.index.CardIndex;
import dev.verity.search.index.SearchPage;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    private final CardIndex index;

    SearchResource(CardIndex index) {
        this.index = index;
    }

    @GET
    @Operation(operationId = "searchCards", summary = "Search cards",
            description = "Full-text search over published cards (title weighs most, then tags, then body; typos tolerated). "
                    + "Each hit carries a highlighted snippet. A card is searchable about a second after its event.")
    @APIResponse(responseCode = "200", description = "Matching cards, best first",
            content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid `q` or `limit`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResponse search(
            @Parameter(description = "What to look for (1–500 characters)", required = true, example = "refund")
            @QueryParam("q") String q,
            @Parameter(description = "Hits to return, 1–100 (default 10)", example = "10")
            @QueryParam("limit") String limit) {
        String query = q == null ? "" : q.strip();
        if (query.isEmpty()) {
            throw invalid("q", "is required: say what to look for");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw invalid("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        SearchPage page = index.search(query, QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return new SearchResponse(query, page.total(), page.hits().stream().map(SearchResponse.SearchHit::of).toList());
    }

    private static ProblemException invalid(String parameter, String message) {
        return ProblemException.invalidParameter(parameter, message);
    }
}
