package dev.verity.search.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.access.ReadScope;
import dev.verity.search.index.IndexQueries;
import dev.verity.search.index.SearchBody;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Titles as one types: the autocomplete over the cards index. */
@ApplicationScoped
public class TitleSuggestions {

    private final IndexQueries queries;
    private final ObjectMapper mapper;

    TitleSuggestions(IndexQueries queries, ObjectMapper mapper) {
        this.queries = queries;
        this.mapper = mapper;
    }

    /** Titles of readable published cards that start with what was typed, best first. */
    public List<TitleSuggestion> suggest(String prefix, int size, ReadScope scope) {
        if (scope.nothing() || SearchBody.words(prefix).isEmpty()) {
            return List.of();
        }
        List<TitleSuggestion> titles = new ArrayList<>();
        for (JsonNode hit : queries.post("/_search", SearchBody.suggestions(mapper, prefix, scope, size)).path("hits")
                .path("hits")) {
            JsonNode source = hit.path("_source");
            titles.add(new TitleSuggestion(source.path("id").asText(), source.path("slug").asText(null),
                    source.path("title").asText()));
        }
        return titles;
    }

    /** A title as the autocomplete offers it. */
    public record TitleSuggestion(String id, String slug, String title) {
    }
}
