package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values of the events on {@link Topics#CARDS}. */
public final class CardEventTypes {

    public static final String CREATED = "card.created";
    public static final String UPDATED = "card.updated";

    /** Types whose data is a {@link CardEvent} carrying a full {@link CardSnapshot}. */
    public static final Set<String> SNAPSHOT_TYPES = Set.of(CREATED, UPDATED);

    private CardEventTypes() {
    }
}
