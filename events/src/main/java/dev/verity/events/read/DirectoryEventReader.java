package dev.verity.events.read;

import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.EventTypes;
import java.util.Optional;

/** Reads the events on {@code verity.directory}: strict on what a directory read model relies on. */
public final class DirectoryEventReader implements EventReader<DirectoryEventReader.Change> {

    public static final DirectoryEventReader CHANGES = new DirectoryEventReader();

    /** A directory event that passed the checks, and whether it removes its principal. */
    public record Change(DirectoryEvent event, boolean removal) {
    }

    private DirectoryEventReader() {
    }

    /** The event's data, or empty for a type that is not a directory change. */
    @Override
    public Optional<Change> read(String eventId, String type, String json) {
        type = EventTypes.normalise(type); // legacy bare names are read as their current names
        if (!DirectoryEventTypes.ALL.contains(type)) {
            return Optional.empty();
        }
        DirectoryEvent data = EventReader.bind(eventId, type, json, DirectoryEvent.class);
        boolean userType = DirectoryEventTypes.USER_CHANGED.equals(type)
                || DirectoryEventTypes.USER_REMOVED.equals(type);
        boolean removal = DirectoryEventTypes.USER_REMOVED.equals(type)
                || DirectoryEventTypes.GROUP_REMOVED.equals(type);
        String id = data.principalId();
        String problem = null;
        if (id == null || id.isBlank()) {
            problem = "has no principalId";
        } else if (!(userType ? "USER" : "GROUP").equals(data.principalType())) {
            problem = "principalType " + data.principalType() + " does not fit the type";
        } else if (data.version() < 1) {
            problem = "version " + data.version() + " must be at least 1";
        } else if (data.removed() != removal) {
            problem = "removed=" + data.removed() + " contradicts the type";
        } else if (data.occurredAt() == null) {
            problem = "has no occurredAt";
        } else if (userType && (data.user() == null || !id.equals(data.user().id()) || data.user().name() == null)) {
            problem = "user snapshot is missing, lacks a name or does not match principalId " + id;
        } else if (!userType && (data.group() == null || !id.equals(data.group().id()) || data.group().name() == null
                || data.group().memberIds() == null || data.group().memberIds().stream().anyMatch(m -> m == null))) {
            problem = "group snapshot is missing, lacks a name or members, or does not match principalId " + id;
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(new Change(data, removal));
    }
}
