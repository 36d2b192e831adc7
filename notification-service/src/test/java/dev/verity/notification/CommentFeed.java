package dev.verity.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CommentEvent;
import dev.verity.events.CommentSnapshot;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes comment events the way card-service does: binary CloudEvents on verity.comments, keyed by card id. */
final class CommentFeed {

    static final Instant AT = Instant.parse("2026-01-12T10:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CommentFeed() {
    }

    /**
     * A comment event on version 4 of card {@code cardId} titled {@code cardTitle}: {@code author}'s comment at
     * {@code version}, with its {@code mentions}, of which {@code newMentions} are new with this change.
     */
    static CommentEvent comment(UUID cardId, String cardTitle, String actor, UUID commentId, long version,
            String body, List<String> mentions, List<String> newMentions) {
        return comment(CardEventFeed.COLLECTION, cardId, cardTitle, actor, commentId, version, body, mentions,
                newMentions);
    }

    /** The same on a card in {@code collection}. */
    static CommentEvent comment(UUID collection, UUID cardId, String cardTitle, String actor, UUID commentId,
            long version, String body, List<String> mentions, List<String> newMentions) {
        CommentSnapshot comment = new CommentSnapshot(commentId, version, actor, body, mentions, "OPEN",
                AT, AT.plusSeconds(60 * (version - 1)));
        return new CommentEvent(cardId, 4, cardTitle, collection, actor, comment.updatedAt(), comment, newMentions);
    }

    /** Publishes under a fresh event id and returns it. */
    static String publish(String type, CommentEvent event) {
        return publish(type, UUID.randomUUID().toString(), event);
    }

    static String publish(String type, String eventId, CommentEvent event) {
        try {
            TestKafka.publish(Topics.COMMENTS, event.cardId().toString(), eventId, type,
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
