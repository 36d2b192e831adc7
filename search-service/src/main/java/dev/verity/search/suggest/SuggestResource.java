package dev.verity.search.suggest;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Titles as you type. */
@Path("/search/suggest")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Find verified answers")
@SecurityRequirement(name = "bearer")
public class SuggestResource {

    static final int MAX_PREFIX_LENGTH = 100;
    static final int DEFAULT_LIMIT = 8;
    static final int MAX_LIMIT = 20;

    @Schema(name = "TitleSuggestions", description = "Titles of readable published cards starting with the prefix")
    public record Suggestions(@Schema(example = "refu") String prefix, List<TitleSuggestions.TitleSuggestion> suggestions) {
    }

    private final TitleSuggestions index;
    private final CollectionAccess access;
    private final CurrentUser user;

    SuggestResource(TitleSuggestions index, CollectionAccess access, CurrentUser user) {
        this.index = index;
        this.access = access;
        this.user = user;
    }

    @GET
    @Operation(operationId = "suggestTitles", summary = "Suggest card titles as the user types",
            description = "Titles of published cards the caller may read holding every typed word, the last one "
                    + "as the start of a title word (it may be unfinished), best first. Cheap: meant for every "
                    + "keystroke.")
    @APIResponse(responseCode = "200", description = "Up to `limit` titles",
            content = @Content(schema = @Schema(implementation = Suggestions.class)))
    public Suggestions suggest(
            @Parameter(description = "What was typed so far (1–100 characters)", required = true, example = "refu")
            @QueryParam("prefix") String prefix,
            @Parameter(description = "Titles to return", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        String typed = prefix == null ? "" : prefix.strip();
        if (typed.isEmpty()) {
            throw ProblemException.invalidParameter("prefix", "is required: pass what was typed so far");
        }
        if (typed.length() > MAX_PREFIX_LENGTH) {
            throw ProblemException.invalidParameter("prefix", "must be at most " + MAX_PREFIX_LENGTH + " characters");
        }
        int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return new Suggestions(typed, index.suggest(typed, size, access.readScope(Viewer.of(user))));
    }
}
