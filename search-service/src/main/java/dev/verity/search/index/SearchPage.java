package dev.verity.search.index;

import java.util.List;
import java.util.Map;

/**
 * One page of search results as the index returned them.
 *
 * @param total      matching cards, counted exactly up to {@link SearchBody#TOTAL_CAP}
 * @param totalExact false when there are more than {@code total}
 * @param facets     on the first page only: counts per collection, tag and verification state, best first
 * @param nextCursor null on the last page; sealed by {@link SearchCursors} before it reaches a client
 * @param pass       how strictly the words matched (a stricter pass found too little)
 * @param didYouMean a corrected query when nothing was found and the index suggests one, else null
 */
public record SearchPage(long total, boolean totalExact, List<Hit> hits, Map<String, List<FacetCount>> facets,
        SearchCursor nextCursor, SearchPass pass, String didYouMean) {

    public static SearchPage empty() {
        return new SearchPage(0, true, List.of(), Map.of(), null, SearchPass.EXACT, null);
    }

    /** Whether typos were tolerated. */
    public boolean fuzzy() {
        return pass.fuzzy();
    }

    /** Whether no card held every word, and these hold all but one. */
    public boolean partial() {
        return pass == SearchPass.MOST_WORDS;
    }

    /**
     * {@code slug} and {@code collectionId} are null for a card not re-indexed since those fields were added.
     *
     * @param folderIds the folders the card is filed in (ids only: their paths are resolved when answering)
     */
    public record Hit(String id, String slug, String title, String titleHighlight, String snippet, List<String> tags,
            String collectionId, long version, String verifierId, String verification, String verifiedAt,
            String dueAt, String unverifiedReason, String updatedAt, List<String> folderIds) {
    }

    public record FacetCount(String value, long count) {
    }

    /** The ids of the hits, in order. */
    public List<String> hitIds() {
        return hits.stream().map(Hit::id).toList();
    }
}
