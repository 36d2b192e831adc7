package dev.verity.events.read;

import dev.verity.events.CommentEvent;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.EventTypes;
import java.util.Optional;

/** Reads the events on {@code verity.comments} that can mention someone: {@code comment.added} and {@code .edited}. */
public final class CommentEventReader implements EventReader<CommentEvent> {

    public static final CommentEventReader MENTIONS = new CommentEventReader();

    private CommentEventReader() {
    }

    /** The event's data when it may mention someone; empty for resolves, reopens, deletes and unknown types. */
    @Override
    public Optional<CommentEvent> read(String eventId, String type, String json) {
        type = EventTypes.normalise(type); // legacy bare names are read as their current names
        if (!CommentEventTypes.ADDED.equals(type) && !CommentEventTypes.EDITED.equals(type)) {
            return Optional.empty();
        }
        CommentEvent data = EventReader.bind(eventId, type, json, CommentEvent.class);
        String problem = null;
        if (data.cardId() == null || data.cardVersion() < 1) {
            problem = "lacks cardId or a cardVersion of at least 1";
        } else if (data.cardTitle() == null || data.cardTitle().isBlank()) {
            problem = "has no cardTitle";
        } else if (data.actorId() == null || data.occurredAt() == null) {
            problem = "lacks actorId or occurredAt";
        } else if (data.comment() == null || data.comment().id() == null || data.comment().body() == null) {
            problem = "has no comment with an id and a body";
        } else if (data.newMentions() == null || data.newMentions().stream().anyMatch(m -> m == null || m.isBlank())) {
            problem = "has no newMentions list, or a blank entry in it";
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(data);
    }
}
