package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values on {@link Topics#COLLECTIONS}; every one carries a {@link CollectionEvent}. */
public final class CollectionEventTypes {

    public static final String CREATED = "dev.verity.collection.created";
    /** Settings, the access list or the folder tree changed. */
    public static final String CHANGED = "dev.verity.collection.changed";
    /** The (empty) collection is gone; the snapshot is its last state. */
    public static final String DELETED = "dev.verity.collection.deleted";

    public static final Set<String> ALL = Set.of(CREATED, CHANGED, DELETED);

    private CollectionEventTypes() {
    }
}
