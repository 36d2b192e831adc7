package dev.verity.search.similar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardStatuses;
import dev.verity.platform.access.ReadScope;
import dev.verity.search.folders.FolderTreeRepository;
import dev.verity.search.index.IndexQueries;
import dev.verity.search.index.PlainText;
import dev.verity.search.index.SearchBody;
import dev.verity.search.index.SearchPage;
import dev.verity.search.search.SearchResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Cards like a draft or like another card ("more like this"), among those the caller may read, with their folder paths. */
@ApplicationScoped
public class SimilarCardSearch {

    private final IndexQueries queries;
    private final ObjectMapper mapper;
    private final FolderTreeRepository folders;

    SimilarCardSearch(IndexQueries queries, ObjectMapper mapper, FolderTreeRepository folders) {
        this.queries = queries;
        this.mapper = mapper;
        this.folders = folders;
    }

    /** The hits as the API shows them, with the paths of the folders each is filed in. */
    public List<SearchResponse.SearchHit> withPaths(List<SearchPage.Hit> hits) {
        return SearchResponse.SearchHit.of(hits, folders.paths(SearchResponse.folderIdsOf(hits)));
    }

    /** Readable published cards like a draft (its title and Markdown body), most alike first. */
    public List<SearchPage.Hit> similarToDraft(String title, String body, int size, ReadScope scope) {
        String text = title + (body == null ? "" : "\n" + PlainText.of(body));
        if (scope.nothing() || text.isBlank()) {
            return List.of();
        }
        return IndexQueries.hits(queries.post("/_search", SearchBody.similar(mapper, text, null, scope, size)));
    }

    /**
     * Readable published cards like the card, itself excluded; empty when the card is not indexed, not published, or
     * not readable by the caller (who then cannot tell it exists).
     */
    public Optional<List<SearchPage.Hit>> similarTo(UUID cardId, int size, ReadScope scope) {
        JsonNode source = queries.document(cardId);
        if (source == null || !CardStatuses.PUBLISHED.equals(source.path("status").asText())
                || !(scope.unrestricted() || scope.collectionIds().stream().map(UUID::toString)
                        .anyMatch(id -> id.equals(source.path("collectionId").asText())))) {
            return Optional.empty();
        }
        String text = source.path("title").asText("") + "\n" + source.path("bodyText").asText(
                source.path("body").asText(""));
        return Optional.of(IndexQueries.hits(queries.post("/_search", SearchBody.similar(mapper, text, cardId.toString(), scope, size))));
    }
}
