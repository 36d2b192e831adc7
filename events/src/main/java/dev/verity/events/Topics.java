package dev.verity.events;

/** Kafka topic names. Every topic is keyed by its aggregate id so one aggregate's events stay in order. */
public final class Topics {

    /** Every card lifecycle event ({@link CardEventTypes}); key = card id. */
    public static final String CARDS = "verity.cards";

    /** Comments on cards ({@link CommentEventTypes}); key = card id, so a card's comments stay in order. */
    public static final String COMMENTS = "verity.comments";

    /** Announcements of cards and their acknowledgements ({@link AnnouncementEventTypes}); key = card id. */
    public static final String ANNOUNCEMENTS = "verity.announcements";

    /** Collection settings and access lists ({@link CollectionEventTypes}); key = collection id. */
    public static final String COLLECTIONS = "verity.collections";

    /** Users and groups of the directory ({@link DirectoryEventTypes}); key = user or group id. */
    public static final String DIRECTORY = "verity.directory";

    /** Verification lifecycle of cards ({@link VerificationEventTypes}); key = card id. Published by verification-service. */
    public static final String VERIFICATIONS = "verity.verifications";

    /**
     * Card usage ({@link UsageEventTypes}): each card's usage as reported at an interval, and auto-archive warnings;
     * key = card id. Published by card-service.
     */
    public static final String USAGE = "verity.usage";

    private Topics() {
    }
}
