package dev.verity.verification;

import static dev.verity.testing.TestAccessEvents.grant;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Publishes what card-service publishes: card events on verity.cards (key = card id), collections with their access
 * lists on verity.collections, users and groups on verity.directory; binary CloudEvents from source /tests.
 */
final class CardEventFeed {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CardEventFeed() {
    }

    /** The collection the simple test cards live in; {@link #ensureSharedCollection} grants it. */
    static final UUID COLLECTION = UUID.fromString("6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d");

    private static volatile boolean sharedCollectionReady;

    /**
     * Publishes (once per test JVM) the shared collection: alice owns it, reader reads it, vera, victor and bob
     * author in it. Waits until the service knows it, so every card event after it finds its access list.
     */
    static void ensureSharedCollection() {
        if (sharedCollectionReady) {
            return;
        }
        TestAccessEvents.collection(COLLECTION, 1, "Shared test collection",
                grant("USER", "alice", "COLLECTION_OWNER"), grant("USER", "reader", "READ_ONLY"),
                grant("USER", "vera", "AUTHOR"), grant("USER", "victor", "AUTHOR"), grant("USER", "bob", "AUTHOR"));
        awaitCollection(COLLECTION, "alice");
        sharedCollectionReady = true;
    }

    /** One published version of a card by alice in the shared collection. */
    static CardSnapshot card(UUID id, long version, String title, String verifierId, int intervalDays,
            Instant createdAt) {
        return card(id, version, title, verifierId, intervalDays, createdAt, "PUBLISHED", null);
    }

    /** One version of a card by alice in {@code status}, due on {@code verifyOn} when that is not null. */
    static CardSnapshot card(UUID id, long version, String title, String verifierId, int intervalDays,
            Instant createdAt, String status, LocalDate verifyOn) {
        return card(id, version, title, "alice", verifierId, intervalDays, createdAt, status, verifyOn, COLLECTION);
    }

    /** Any version of any card; {@code updatedAt} moves on a minute per version so every snapshot differs. */
    static CardSnapshot card(UUID id, long version, String title, String authorId, String verifierId,
            int intervalDays, Instant createdAt, String status, LocalDate verifyOn, UUID collectionId) {
        return new CardSnapshot(id, version, title, "Body of " + title, List.of("faq"), status, authorId,
                verifierId, intervalDays, createdAt, createdAt.plus(Duration.ofMinutes(version - 1)), collectionId,
                List.of(), "card-" + id, authorId, null, verifyOn);
    }

    /** Publishes and returns the event id; the actor is alice. */
    static String created(CardSnapshot card) {
        return publish(CardEventTypes.CREATED, UUID.randomUUID().toString(), card);
    }

    static String updated(CardSnapshot card) {
        return publish(CardEventTypes.UPDATED, UUID.randomUUID().toString(), card);
    }

    /** An update saved by {@code actorId}. */
    static String updatedBy(String actorId, CardSnapshot card) {
        return publish(CardEventTypes.UPDATED, UUID.randomUUID().toString(), actorId, card);
    }

    /** Publishes an event of {@code type} under a fresh event id and returns that id. */
    static String event(String type, CardSnapshot card) {
        return publish(type, UUID.randomUUID().toString(), card);
    }

    static String publish(String type, String eventId, CardSnapshot card) {
        return publish(type, eventId, "alice", card);
    }

    static String publish(String type, String eventId, String actorId, CardSnapshot card) {
        CardEvent event = new CardEvent(card.id(), card.version(), actorId, card.updatedAt(), card);
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

    /** Waits until the service has applied the collection as far as {@code reader} holding a role in it. */
    static void awaitCollection(UUID id, String reader) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .auth().oauth2(TestTokens.user(reader)).get("/collections/" + id + "/verification-defaults")
                .then().statusCode(200));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
