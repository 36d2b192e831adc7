package dev.verity.events;

/** The values of {@link CardSnapshot#status()}: one declaration for every consumer. */
public final class CardStatuses {

    /** Being written: not in search results. */
    public static final String DRAFT = "DRAFT";
    /** Live: found in search, verified on schedule. */
    public static final String PUBLISHED = "PUBLISHED";
    /** Taken out of search and of the verification queue; can be restored. */
    public static final String ARCHIVED = "ARCHIVED";

    private CardStatuses() {
    }
}
