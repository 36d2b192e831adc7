package dev.verity.verification;

import static dev.verity.testing.TestAccessEvents.grant;
import static org.awaitility.Awaitility.await;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestCardEvents;
import dev.verity.testing.TestTokens;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The card shapes and the shared collection this module's tests use, published through test-support's
 * {@link TestCardEvents} (card events) and {@link TestAccessEvents} (collections, users and groups), as card-service
 * publishes them; the actor is alice unless a test names another.
 */
final class CardEventFeed {

    private CardEventFeed() {
    }

    /** The collection the simple test cards live in; {@link #ensureSharedCollection} grants it. */
    static final UUID COLLECTION = TestCardEvents.COLLECTION;

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
        return TestCardEvents.card(id, version, title, authorId, authorId, verifierId, intervalDays, createdAt, status,
                verifyOn, collectionId);
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
        return TestCardEvents.publish(type, eventId, actorId, card);
    }

    static void publishRaw(String type, String eventId, UUID cardId, String data) {
        TestCardEvents.publishRaw(type, eventId, cardId, data);
    }

    /** A well-formed card event from {@code source}, as anyone able to write to the topic could send it. */
    static void publishFrom(String source, String type, String eventId, CardSnapshot card) {
        TestCardEvents.publishFrom(source, type, eventId, "alice", card);
    }

    /** Waits until the service has applied the collection as far as {@code reader} holding a role in it. */
    static void awaitCollection(UUID id, String reader) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .auth().oauth2(TestTokens.user(reader)).get("/collections/" + id + "/verification-defaults")
                .then().statusCode(200));
    }
}
