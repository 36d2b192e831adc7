package dev.verity.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Publishes card events the way card-service does: binary CloudEvents on verity.cards, keyed by card id. */
final class CardEventFeed {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CardEventFeed() {
    }

    /** The collection every test card lives in. */
    static final UUID COLLECTION = UUID.fromString("6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d");

    /** One published version of a card; {@code updatedAt} moves on with the version so every snapshot differs. */
    static CardSnapshot card(UUID id, long version, String title, String verifierId, int intervalDays,
            Instant createdAt) {
        return card(id, version, title, verifierId, intervalDays, createdAt, "PUBLISHED", null);
    }

    /** One version of a card in {@code status}, due on {@code verifyOn} when that is not null. */
    static CardSnapshot card(UUID id, long version, String title, String verifierId, int intervalDays,
            Instant createdAt, String status, LocalDate verifyOn) {
        return new CardSnapshot(id, version, title, "Body of " + title, List.of("faq"), status, "alice",
                verifierId, intervalDays, createdAt, createdAt.plus(Duration.ofMinutes(version - 1)), COLLECTION,
                List.of(), "card-" + id, "alice", null, verifyOn);
    }

    /** Publishes and returns the event id. */
    static String created(CardSnapshot card) {
        return publish(CardEventTypes.CREATED, UUID.randomUUID().toString(), card);
    }

    static String updated(CardSnapshot card) {
        return publish(CardEventTypes.UPDATED, UUID.randomUUID().toString(), card);
    }

    /** Publishes an event of {@code type} under a fresh event id and returns that id. */
    static String event(String type, CardSnapshot card) {
        return publish(type, UUID.randomUUID().toString(), card);
    }

    static String publish(String type, String eventId, CardSnapshot card) {
        CardEvent event = new CardEvent(card.id(), card.version(), "alice", card.updatedAt(), card);
        publishRaw(type, eventId, card.id(), json(event));
        return eventId;
    }

    static void publishRaw(String type, String eventId, UUID cardId, String data) {
        TestKafka.publish(Topics.CARDS, cardId.toString(), eventId, type, data);
    }

    /** A well-formed card event from {@code source}, as anyone able to write to the topic could send it. */
    static void publishFrom(String source, String type, String eventId, CardSnapshot card) {
        CardEvent event = new CardEvent(card.id(), card.version(), "alice", card.updatedAt(), card);
        TestKafka.publish(Topics.CARDS, card.id().toString(), eventId, type, source, json(event));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
