package dev.verity.notification.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CommentEvent;
import dev.verity.events.CommentEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads the events on {@code verity.comments} that can mention someone: {@code comment.added} and {@code .edited}. */
@ApplicationScoped
public class CommentEventReader {

    private final ObjectMapper reader;

    CommentEventReader(ObjectMapper mapper) {
        // tolerant reader: card-service may add fields before this service knows them
        this.reader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The event's data when it may mention someone; empty for resolves, reopens, deletes and unknown types.
     *
     * @throws MalformedEventException when the data can never be applied (so it is dead-lettered, not retried)
     */
    public Optional<CommentEvent> mentionsOf(IncomingCloudEvent event) {
        if (!CommentEventTypes.ADDED.equals(event.type()) && !CommentEventTypes.EDITED.equals(event.type())) {
            return Optional.empty();
        }
        CommentEvent data = event.dataAs(reader, CommentEvent.class);
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
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") " + problem);
        }
        return Optional.of(data);
    }
}
