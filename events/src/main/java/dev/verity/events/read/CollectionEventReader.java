package dev.verity.events.read;

import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.EventTypes;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the events on {@code verity.collections}: strict on what access checks rely on (the access list) and on
 * what a folder read model keys on (each folder's id and name). An event from before folders travelled reads with
 * an empty tree.
 */
public final class CollectionEventReader implements EventReader<CollectionEvent> {

    public static final CollectionEventReader CHANGES = new CollectionEventReader();

    private static final Set<String> PRINCIPAL_TYPES = Set.of("USER", "GROUP");
    private static final Set<String> ROLES = Set.of("READ_ONLY", "AUTHOR", "COLLECTION_OWNER");

    private CollectionEventReader() {
    }

    /** The event's data, or empty for a type that is not a collection change. */
    @Override
    public Optional<CollectionEvent> read(String eventId, String type, String json) {
        type = EventTypes.normalise(type); // legacy bare names are read as their current names
        if (!CollectionEventTypes.ALL.contains(type)) {
            return Optional.empty();
        }
        CollectionEvent data = EventReader.bind(eventId, type, json, CollectionEvent.class);
        CollectionEvent.Snapshot collection = data.collection();
        String problem = null;
        if (data.collectionId() == null || collection == null || !data.collectionId().equals(collection.id())) {
            problem = "has no collection snapshot matching collectionId " + data.collectionId();
        } else if (data.version() < 1) {
            problem = "version " + data.version() + " must be at least 1";
        } else if (collection.name() == null) {
            problem = "collection snapshot lacks a name";
        } else if (collection.access() == null || collection.access().stream().anyMatch(g -> g == null
                || !PRINCIPAL_TYPES.contains(g.principalType()) || g.principalId() == null
                || g.principalId().isBlank() || !ROLES.contains(g.role()))) {
            problem = "access list is missing or has a grant without a USER/GROUP principal or a known role";
        } else if (collection.folders().stream().anyMatch(f -> f == null || f.id() == null || f.name() == null)) {
            problem = "folder tree has a folder without an id or a name";
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(data);
    }
}
