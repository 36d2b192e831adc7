package dev.verity.events;

import java.util.Set;

/**
 * CloudEvents {@code type} values of the events on {@link Topics#CARDS}. Every one carries a {@link CardEvent} with
 * the card's full state after the change, so a consumer that only upserts by version stays correct; the type says
 * what happened for consumers that react to it.
 */
public final class CardEventTypes {

    public static final String CREATED = "dev.verity.card.created";
    /** Content, verifier, interval or status (DRAFT ↔ PUBLISHED) changed; includes a restore of an old version. */
    public static final String UPDATED = "dev.verity.card.updated";
    /** The card changed collection or folders. */
    public static final String MOVED = "dev.verity.card.moved";
    /** The card was archived: it leaves search and the verification queue. */
    public static final String ARCHIVED = "dev.verity.card.archived";
    /** An archived card was brought back (status DRAFT or PUBLISHED again). */
    public static final String RESTORED = "dev.verity.card.restored";
    /** The card is gone for good; the snapshot is its last state (status ARCHIVED) at a new version. */
    public static final String DELETED = "dev.verity.card.deleted";

    /** Types whose data is a {@link CardEvent} carrying a full {@link CardSnapshot}. */
    public static final Set<String> SNAPSHOT_TYPES = Set.of(CREATED, UPDATED, MOVED, ARCHIVED, RESTORED, DELETED);

    private CardEventTypes() {
    }
}
