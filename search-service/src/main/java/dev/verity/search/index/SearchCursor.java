package dev.verity.search.index;

/**
 * Where a result list continues: the score and id of the last hit served, for Elasticsearch's {@code search_after},
 * the {@link SearchPass} that found it, so the next page runs the same query (a typo-tolerant first page goes on
 * typo-tolerant), and the search it continues ({@code searchId}, for the clicks on later pages' hits; null when the
 * first page was not recorded). Clients only ever see it sealed by {@link SearchCursors}: the score says how often the
 * words occur in the whole index, unreadable cards and drafts included, so it must not be readable.
 */
public record SearchCursor(double score, String id, SearchPass pass, Long searchId) {

    public SearchCursor(double score, String id, SearchPass pass) {
        this(score, id, pass, null);
    }

    /** The same place in the list, continuing the recorded search {@code searchId}. */
    public SearchCursor of(Long search) {
        return new SearchCursor(score, id, pass, search);
    }
}
