package dev.verity.verification;

import static dev.verity.verification.CardEventFeed.card;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.inbox.InboxPurge;
import dev.verity.platform.outbox.OutboxRelay;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import dev.verity.verification.cards.VerificationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Card events published to the real broker become verification records in the real database. */
@QuarkusTest
class CardEventsConsumerTest {

    private static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DLQ = "verity.cards.dlq.verification-service";

    @Inject
    EntityManager em;

    @org.junit.jupiter.api.BeforeEach
    void sharedCollection() {
        CardEventFeed.ensureSharedCollection();
    }

    @Test
    void aCardItsAuthorVerifiesStartsVerifiedDueOneIntervalAfterCreation() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "How do I issue a refund?", "alice", 90, CREATED));

        awaitRecord(id)
                .body("cardVersion", equalTo(1))
                .body("cardTitle", equalTo("How do I issue a refund?"))
                .body("verifierId", equalTo("alice"))
                .body("intervalDays", equalTo(90))
                .body("status", equalTo("VERIFIED"))
                .body("reason", nullValue())
                .body("lastVerifiedAt", equalTo("2026-01-10T09:00:00Z"))
                .body("lastVerifiedBy", equalTo("alice"))
                .body("nextDueAt", equalTo("2026-04-10T09:00:00Z"));
    }

    @Test
    void aCardSomeoneElseVerifiesStartsUnverifiedNewAndDueAtOnce() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "How do I cancel an order?", "vera", 90, CREATED));

        awaitRecord(id)
                .body("verifierId", equalTo("vera"))
                .body("status", equalTo("UNVERIFIED"))
                .body("reason", equalTo("NEW"))
                .body("lastVerifiedAt", nullValue())
                .body("nextDueAt", equalTo("2026-01-10T09:00:00Z"));
    }

    @Test
    void redeliveredEventIdIsAppliedOnceEvenWithDifferentData() {
        UUID id = UUID.randomUUID();
        String eventId = CardEventFeed.created(card(id, 1, "Original", "vera", 90, CREATED));
        awaitRecord(id).body("cardTitle", equalTo("Original"));

        // the same event id again, this time claiming a far newer version: were it applied, the record would be
        // at v5 and the v2 below would be ignored as older, so reaching v2 proves the copy was skipped
        CardEventFeed.publish(CardEventTypes.UPDATED, eventId, card(id, 5, "Tampered", "mallory", 7, CREATED));
        CardEventFeed.updated(card(id, 2, "Second", "vera", 90, CREATED));

        await().atMost(PATIENCE).untilAsserted(() -> record(id).statusCode(200)
                .body("cardVersion", equalTo(2))
                .body("cardTitle", equalTo("Second"))
                .body("verifierId", equalTo("vera")));
    }

    @Test
    void olderVersionArrivingAfterANewerOneChangesNothing() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "v1 title", "alice", 90, CREATED));
        CardEventFeed.updated(card(id, 3, "v3 title", "alice", 30, CREATED));
        await().atMost(PATIENCE).untilAsserted(() -> record(id).statusCode(200).body("cardVersion", equalTo(3)));

        String late = CardEventFeed.updated(card(id, 2, "v2 title", "vera", 60, CREATED));
        awaitApplied(late);

        record(id).statusCode(200)
                .body("cardVersion", equalTo(3))
                .body("cardTitle", equalTo("v3 title"))
                .body("verifierId", equalTo("alice"))
                .body("intervalDays", equalTo(30))
                // alice verifies the card, so her edit at v3 (09:02) renewed it
                .body("lastVerifiedAt", equalTo("2026-01-10T09:02:00Z"))
                .body("nextDueAt", equalTo("2026-02-09T09:02:00Z"));
    }

    @Test
    void anUpdateSeenBeforeTheCreateStartsTheRecordAndTheLateCreateIsIgnored() {
        UUID id = UUID.randomUUID();
        CardEventFeed.updated(card(id, 2, "Edited first", "alice", 90, CREATED));
        awaitRecord(id)
                .body("cardVersion", equalTo(2))
                .body("verifierId", equalTo("alice"))
                .body("lastVerifiedAt", equalTo("2026-01-10T09:00:00Z"))
                .body("nextDueAt", equalTo("2026-04-10T09:00:00Z"));

        awaitApplied(CardEventFeed.created(card(id, 1, "Original", "alice", 90, CREATED)));
        record(id).body("cardVersion", equalTo(2)).body("cardTitle", equalTo("Edited first"));
    }

    @Test
    void aNewIntervalMovesTheDueDateFromTheLastVerification() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Shipping times", "alice", 90, CREATED));
        awaitRecord(id).body("nextDueAt", equalTo("2026-04-10T09:00:00Z"));

        CardEventFeed.updated(card(id, 2, "Shipping times", "alice", 14, CREATED));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("intervalDays", equalTo(14))
                .body("lastVerifiedAt", equalTo("2026-01-10T09:00:00Z"))
                .body("nextDueAt", equalTo("2026-01-24T09:00:00Z")));
    }

    /** Records written before the reverse-DNS types carry bare names; they apply exactly as the current names do. */
    @Test
    void legacyBareTypesAndReverseDnsTypesAreAppliedAlike() {
        String verifier = "leg-" + UUID.randomUUID();
        UUID mine = readableBy(verifier);
        UUID id = UUID.randomUUID();
        CardEventFeed.event("card.created", own(id, 1, verifier, 90, "PUBLISHED", mine));
        awaitRecord(id).body("state", equalTo("ACTIVE")).body("status", equalTo("VERIFIED"));

        CardEventFeed.event(CardEventTypes.ARCHIVED, own(id, 2, verifier, 90, "ARCHIVED", mine));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("state", equalTo("ARCHIVED")).body("cardVersion", equalTo(2)));

        CardEventFeed.event("card.restored", own(id, 3, verifier, 30, "PUBLISHED", mine));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("state", equalTo("ACTIVE")).body("cardVersion", equalTo(3)).body("intervalDays", equalTo(30)));

        CardEventFeed.event("card.archived", own(id, 4, verifier, 30, "ARCHIVED", mine));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("state", equalTo("ARCHIVED")).body("cardVersion", equalTo(4)));
    }

    @Test
    void anArchivedCardLeavesTheQueueKeepsItsRecordAndARestoreBringsItBackDueFromItsLastVerification() {
        String verifier = "vic-" + UUID.randomUUID();
        UUID mine = readableBy(verifier);
        UUID id = UUID.randomUUID();
        // written by its verifier, so it starts VERIFIED
        CardEventFeed.created(own(id, 1, verifier, 90, "PUBLISHED", mine));
        awaitRecord(id).body("state", equalTo("ACTIVE"));
        queue(verifier).body("items.cardId", equalTo(List.of(id.toString())));

        CardEventFeed.event(CardEventTypes.ARCHIVED, own(id, 2, verifier, 90, "ARCHIVED", mine));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("state", equalTo("ARCHIVED"))
                .body("archivedAt", equalTo("2026-01-10T09:01:00Z"))
                .body("cardVersion", equalTo(2))
                .body("status", equalTo("VERIFIED")));
        queue(verifier).body("items", empty());
        given().auth().oauth2(TestTokens.user("reader")).queryParam("verifier", verifier)
                .queryParam("dueBefore", "2100-01-01T00:00:00Z").get("/verifications")
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(TestTokens.user("reader")).queryParam("verifier", verifier)
                .queryParam("state", "ARCHIVED").get("/verifications")
                .then().statusCode(200).body("items.cardId", equalTo(List.of(id.toString())));

        // restored with a shorter interval: due 30 days after the last verification (the creation), i.e. overdue;
        // it comes back as it was (VERIFIED), and the next expiry pass expires it
        CardEventFeed.event(CardEventTypes.RESTORED, own(id, 3, verifier, 30, "PUBLISHED", mine));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("state", equalTo("ACTIVE"))
                .body("status", equalTo("VERIFIED"))
                .body("archivedAt", nullValue())
                .body("lastVerifiedAt", equalTo("2026-01-10T09:00:00Z"))
                .body("nextDueAt", equalTo("2026-02-09T09:00:00Z")));
        queue(verifier).body("items.cardId", equalTo(List.of(id.toString())));
    }

    @Test
    void aDeletedCardsRecordIsRemovedAndItsOlderEventsArrivingLaterCannotBringItBack() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Loyalty points", "vera", 90, CREATED));
        awaitRecord(id);

        // card.deleted carries the last state (ARCHIVED) at a new version
        CardEventFeed.event(CardEventTypes.DELETED, card(id, 2, "Loyalty points", "vera", 90, CREATED, "ARCHIVED",
                null));
        await().atMost(PATIENCE).untilAsserted(() -> record(id).statusCode(404));

        // the creation again under another event id, and a stray older update: neither starts a record
        awaitApplied(CardEventFeed.created(card(id, 1, "Loyalty points", "vera", 90, CREATED)));
        awaitApplied(CardEventFeed.updated(card(id, 2, "Loyalty points", "vera", 90, CREATED)));
        record(id).statusCode(404);
    }

    @Test
    void aDeleteSeenBeforeTheCardsOtherEventsMeansItNeverGetsARecord() {
        UUID id = UUID.randomUUID();
        awaitApplied(CardEventFeed.event(CardEventTypes.DELETED,
                card(id, 3, "Short-lived", "vera", 90, CREATED, "ARCHIVED", null)));
        awaitApplied(CardEventFeed.created(card(id, 1, "Short-lived", "vera", 90, CREATED)));

        record(id).statusCode(404);
    }

    @Test
    void aFixedVerifyOnDateIsTheDueDateAndMovedOrEditedCardsKeepIt() {
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Price list 2026", "alice", 90, CREATED, "PUBLISHED",
                LocalDate.of(2026, 3, 1)));
        awaitRecord(id)
                .body("verifyOn", equalTo("2026-03-01"))
                .body("nextDueAt", equalTo("2026-03-01T00:00:00Z"))
                .body("collectionId", equalTo(CardEventFeed.COLLECTION.toString()));

        CardEventFeed.event(CardEventTypes.MOVED, card(id, 2, "Price list 2026", "alice", 90, CREATED, "PUBLISHED",
                LocalDate.of(2026, 6, 30)));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("cardVersion", equalTo(2))
                .body("verifyOn", equalTo("2026-06-30"))
                .body("nextDueAt", equalTo("2026-06-30T00:00:00Z")));

        CardEventFeed.updated(card(id, 3, "Price list 2026", "alice", 90, CREATED));
        await().atMost(PATIENCE).untilAsserted(() -> record(id)
                .body("verifyOn", nullValue())
                .body("nextDueAt", equalTo("2026-04-10T09:00:00Z")));
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheCardsLaterEventsStillApply() {
        UUID id = UUID.randomUUID();
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String bad = UUID.randomUUID().toString();
            CardEventFeed.publishRaw(CardEventTypes.CREATED, bad, id, "{\"cardId\": \"" + id + "\", \"card\": ");
            CardEventFeed.created(card(id, 1, "After the bad one", "vera", 90, CREATED));

            awaitRecord(id).body("cardTitle", equalTo("After the bad one"));
            ConsumerRecord<String, String> parked = dlq.await(r -> id.toString().equals(r.key()), 1, PATIENCE).get(0);
            assertEquals(bad, IncomingCloudEvent.from(parked).id());
        }
    }

    @Test
    void anEventFromAnUntrustedSourceIsDeadLetteredAndChangesNothing() {
        UUID id = UUID.randomUUID();
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String forged = UUID.randomUUID().toString();
            CardEventFeed.publishFrom("/someone-else", CardEventTypes.CREATED, forged,
                    card(id, 2, "Forged title", "mallory", 90, CREATED));
            ConsumerRecord<String, String> parked = dlq.await(r -> id.toString().equals(r.key()), 1, PATIENCE).get(0);
            assertEquals(forged, IncomingCloudEvent.from(parked).id());

            CardEventFeed.created(card(id, 1, "The real one", "vera", 90, CREATED));
            awaitRecord(id).body("cardTitle", equalTo("The real one"))
                    .body("cardVersion", equalTo(1));
        }
    }

    @Inject
    InboxPurge inboxPurge;

    @Inject
    OutboxRelay outboxRelay;

    @Test
    void theOutboxRelayRunsBecauseThisServicePublishesVerificationEvents() {
        org.junit.jupiter.api.Assertions.assertTrue(outboxRelay.running());
    }

    @Test
    void processedEventIdsAreForgottenAfterTheRetentionPeriodOnly() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            insertProcessed(old, Instant.now().minus(Duration.ofDays(31)));
            insertProcessed(recent, Instant.now().minus(Duration.ofDays(29)));
        });
        inboxPurge.purge();
        assertEquals(0, processedCount(old));
        assertEquals(1, processedCount(recent));
    }

    private void insertProcessed(String eventId, Instant at) {
        em.createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, "purge-test").setParameter(2, eventId)
                .setParameter(3, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC)).executeUpdate();
    }

    private long processedCount(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE consumer = 'purge-test' AND event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    @Test
    void eventsOfOtherTypesAreNotOurs() {
        UUID id = UUID.randomUUID();
        CardEventFeed.publishRaw("card.viewed", UUID.randomUUID().toString(), id, "{\"whatever\": true}");
        CardSnapshot first = card(id, 1, "Viewed, then created", "vera", 90, CREATED);
        CardEventFeed.created(first);
        awaitRecord(id).body("cardVersion", equalTo(1));
    }

    /** A card in the shared collection written by its own verifier. */
    private static CardSnapshot own(UUID id, long version, String verifier, int intervalDays, String status,
            UUID collection) {
        return card(id, version, "Gift cards", verifier, verifier, intervalDays, CREATED, status, null, collection);
    }

    /**
     * A collection of its own the verifier (and "reader", who reads the records here) may read: a verifier who may
     * not would hand the card to its owner at once.
     */
    private static UUID readableBy(String verifier) {
        UUID collection = UUID.randomUUID();
        dev.verity.testing.TestAccessEvents.collection(collection, 1, "Own " + verifier,
                dev.verity.testing.TestAccessEvents.grant("USER", verifier, "COLLECTION_OWNER"),
                dev.verity.testing.TestAccessEvents.grant("USER", "reader", "READ_ONLY"));
        CardEventFeed.awaitCollection(collection, verifier);
        return collection;
    }

    private static ValidatableResponse record(UUID id) {
        return given().auth().oauth2(TestTokens.user("reader")).get("/verifications/" + id).then();
    }

    /** The verifier's to-do list: what the queue holds for them. */
    private static ValidatableResponse queue(String verifier) {
        return given().auth().oauth2(TestTokens.user("reader")).queryParam("verifier", verifier).get("/verifications")
                .then().statusCode(200);
    }

    private static ValidatableResponse awaitRecord(UUID id) {
        await().atMost(PATIENCE).untilAsserted(() -> record(id).statusCode(200));
        return record(id);
    }

    /** The broker creates a dead-letter topic on its first record; a reader needs it to exist before that. */
    /** The inbox row commits with the event's effect, so once it is there the event has been fully applied. */
    private void awaitApplied(String eventId) {
        await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, VerificationService.CONSUMER)
                .setParameter(2, eventId)
                .getSingleResult()).longValue() == 1));
    }
}
