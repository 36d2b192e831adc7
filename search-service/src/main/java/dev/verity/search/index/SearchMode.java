package dev.verity.search.index;

/** What one search-service instance does (config {@code verity.search.mode}). */
public enum SearchMode {
    /** Answers searches and indexes events: one process does all (the local stack). */
    ALL,
    /** Answers searches only; consumes no events. Scale on query load (the HPA's Deployment). */
    QUERY,
    /** Indexes events only; refuses searches. Useful up to the partition count of the busiest topic. */
    INDEX
}
