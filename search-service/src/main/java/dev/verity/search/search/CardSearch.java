package dev.verity.search.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.access.ReadScope;
import dev.verity.search.folders.FolderTreeRepository;
import dev.verity.search.gaps.SearchLogRepository;
import dev.verity.search.index.CardQuery;
import dev.verity.search.index.IndexQueries;
import dev.verity.search.index.SearchBody;
import dev.verity.search.index.SearchConfig;
import dev.verity.search.index.SearchCursor;
import dev.verity.search.index.SearchCursors;
import dev.verity.search.index.SearchPage;
import dev.verity.search.index.SearchPass;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Full-text search over the cards index, as a person asks it: the folder filter widened to sub-folders, the passes
 * from exact words to typos to most words, "did you mean", the first page logged for the gaps report, and each
 * hit's folder paths.
 */
@ApplicationScoped
public class CardSearch {

    private final IndexQueries queries;
    private final ObjectMapper mapper;
    private final SearchConfig config;
    private final FolderTreeRepository folders;
    private final SearchLogRepository log;
    private final SearchCursors cursors;

    CardSearch(IndexQueries queries, ObjectMapper mapper, SearchConfig config, FolderTreeRepository folders,
            SearchLogRepository log, SearchCursors cursors) {
        this.cursors = cursors;
        this.queries = queries;
        this.mapper = mapper;
        this.config = config;
        this.folders = folders;
        this.log = log;
    }

    /** The folder and the folders below it that the caller may read: what the {@code folder} filter searches. */
    public List<UUID> folderFilter(UUID folderId, ReadScope scope) {
        return folders.withSubfolders(folderId, scope);
    }

    /**
     * One page of {@code userId}'s search for {@code text}, as the API answers it. Only a first page is logged (a
     * later page is the same search, read further), and a partial match counts as finding nothing: no card holds
     * what was asked, which the writers should know.
     */
    public SearchResponse answer(String text, CardQuery query, ReadScope scope, String userId) {
        SearchPage page = search(query, scope);
        // the hits shown are recorded with the search: a click is accepted only for one of them
        Long searchId = query.firstPage()
                ? log.searched(text, query.filtered(), page.partial() ? 0 : page.total(), userId, page.hitIds()) : null;
        if (!query.firstPage() && query.after().searchId() != null) {
            log.shownMore(query.after().searchId(), userId, page.hitIds());
        }
        Long continues = query.firstPage() ? searchId : query.after().searchId();
        String next = page.nextCursor() == null ? null : cursors.seal(page.nextCursor().of(continues));
        return SearchResponse.of(text, page, folders.paths(SearchResponse.folderIdsOf(page.hits())), next, searchId);
    }

    /**
     * The published cards matching the query within the caller's read scope, best first. The exact words first; when
     * they find fewer than {@link #FEW} cards on the first page, again with typos tolerated; when that finds nothing,
     * all words but one ({@link SearchPass#MOST_WORDS}). A later page continues the pass of its cursor. When still
     * nothing is found, a "did you mean" is offered, but only one that finds something the caller may read (a
     * suggestion comes from every card's words, and must not reveal those of a card they cannot see).
     */
    public SearchPage search(CardQuery query, ReadScope scope) {
        if (scope.nothing() || SearchBody.words(query.text()).isEmpty()) {
            return SearchPage.empty();
        }
        if (!query.firstPage()) {
            return run(query, scope, query.after().pass());
        }
        SearchPage exact = run(query, scope, SearchPass.EXACT);
        if (exact.total() >= FEW) {
            return exact;
        }
        SearchPage typos = run(query, scope, SearchPass.TYPOS);
        SearchPage best = typos.total() > exact.total() ? typos : exact;
        if (best.total() > 0) {
            return best;
        }
        if (SearchBody.words(query.text()).size() >= SearchPass.MIN_WORDS) {
            SearchPage most = run(query, scope, SearchPass.MOST_WORDS);
            if (most.total() > 0) {
                return most;
            }
        }
        String suggestion = suggest(query.text());
        if (suggestion == null || run(new CardQuery(suggestion, query.collectionId(), query.folderIds(), query.tags(),
                query.verification(), query.ownerId(), query.updatedFrom(), query.updatedTo(), 1, null), scope,
                SearchPass.EXACT).total() == 0) {
            return best;
        }
        return new SearchPage(0, true, List.of(), best.facets(), null, SearchPass.EXACT, suggestion);
    }

    /** Fewer exact hits than this, and typos are tolerated too. */
    static final int FEW = 3;

    private SearchPage run(CardQuery query, ReadScope scope, SearchPass pass) {
        JsonNode result = queries.post("/_search", SearchBody.of(mapper, query, scope, pass, config.analysis()));
        JsonNode hits = result.path("hits");
        List<SearchPage.Hit> found = IndexQueries.hits(result);
        double lastScore = found.isEmpty() ? 0
                : hits.path("hits").path(found.size() - 1).path("sort").path(0).asDouble();
        String lastId = found.isEmpty() ? null : found.get(found.size() - 1).id();
        Map<String, List<SearchPage.FacetCount>> facets = new LinkedHashMap<>();
        for (String[] facet : SearchBody.FACETS) {
            JsonNode buckets = result.path("aggregations").path(facet[0]).path("buckets");
            if (buckets.isArray()) {
                List<SearchPage.FacetCount> counts = new ArrayList<>();
                buckets.forEach(b -> counts.add(new SearchPage.FacetCount(b.path("key").asText(),
                        b.path("doc_count").asLong())));
                facets.put(facet[0], counts);
            }
        }
        JsonNode total = hits.path("total");
        SearchCursor next = found.size() == query.size() && lastId != null ? new SearchCursor(lastScore, lastId, pass, null)
                : null;
        return new SearchPage(total.path("value").asLong(), "eq".equals(total.path("relation").asText("eq")), found,
                facets, next, pass, null);
    }

    /** The query with each word replaced by its most frequent close spelling, or null when nothing changes. */
    private String suggest(String text) {
        JsonNode words = queries.post("/_search", SearchBody.suggestion(mapper, text)).path("suggest").path("words");
        StringBuilder corrected = new StringBuilder(text);
        boolean changed = false;
        // replace from the end, so earlier offsets stay valid
        for (int i = words.size() - 1; i >= 0; i--) {
            JsonNode word = words.get(i);
            JsonNode option = word.path("options").path(0);
            if (option.isMissingNode()) {
                continue;
            }
            int offset = word.path("offset").asInt();
            corrected.replace(offset, offset + word.path("length").asInt(), option.path("text").asText());
            changed = true;
        }
        return changed ? corrected.toString() : null;
    }
}
