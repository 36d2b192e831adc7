package dev.verity.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Publishes card events as card-service does: binary CloudEvents on verity.cards, keyed by card id, from source
 * /tests (or another source, as anyone able to write to the topic could). Each method returns the event id, so a
 * test can wait until a consumer applied it. A module's own feed keeps the card shapes its tests need and publishes
 * them through here.
 */
public final class TestCardEvents {

    /** The collection the simple test cards of every module live in. */
    public static final UUID COLLECTION = UUID.fromString("6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestCardEvents() {
    }

    /**
     * One version of a card as its events carry it: body "Body of &lt;title&gt;", tag {@code faq}, no folders, slug
     * {@code card-<id>}; {@code updatedAt} moves on a minute per version so every snapshot differs.
     */
    public static CardSnapshot card(UUID id, long version, String title, String authorId, String ownerId,
            String verifierId, int intervalDays, Instant createdAt, String status, LocalDate verifyOn,
            UUID collectionId) {
        return new CardSnapshot(id, version, title, "Body of " + title, List.of("faq"), status, authorId, verifierId,
                intervalDays, createdAt, createdAt.plus(Duration.ofMinutes(version - 1)), collectionId, List.of(),
                "card-" + id, ownerId, null, verifyOn);
    }

    /** card.created at version 1, card.updated after it, by {@code actorId}, under a fresh event id. */
    public static String publish(CardSnapshot card, String actorId) {
        return publish(card.version() == 1 ? CardEventTypes.CREATED : CardEventTypes.UPDATED,
                UUID.randomUUID().toString(), actorId, card);
    }

    /** An event of {@code type} by {@code actorId}, under a fresh event id. */
    public static String publish(String type, CardSnapshot card, String actorId) {
        return publish(type, UUID.randomUUID().toString(), actorId, card);
    }

    /** An event of {@code type} by {@code actorId} under {@code eventId} (a redelivery reuses one). */
    public static String publish(String type, String eventId, String actorId, CardSnapshot card) {
        TestKafka.publish(Topics.CARDS, card.id().toString(), eventId, type, json(event(actorId, card)));
        return eventId;
    }

    /** A well-formed card event from {@code source}, as anyone able to write to the topic could send it. */
    public static String publishFrom(String source, String type, String eventId, String actorId, CardSnapshot card) {
        TestKafka.publish(Topics.CARDS, card.id().toString(), eventId, type, source, json(event(actorId, card)));
        return eventId;
    }

    /** Any payload at all under the card's key: for what a consumer does with a malformed event. */
    public static String publishRaw(String type, String eventId, UUID cardId, String data) {
        TestKafka.publish(Topics.CARDS, cardId.toString(), eventId, type, data);
        return eventId;
    }

    private static CardEvent event(String actorId, CardSnapshot card) {
        return new CardEvent(card.id(), card.version(), actorId, card.updatedAt(), card);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
