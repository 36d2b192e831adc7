package dev.verity.verification;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.Topics;
import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestClock;
import dev.verity.testing.TestKafka;
import dev.verity.verification.expiry.ExpiryRunner;
import dev.verity.verification.verifications.VerificationRecordRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry job against the real database and broker, with the clock moved: exactly one expired event per due period
 * even with two runners at once, due-soon once, and a catch-up after downtime. (The test profile runs batches of 10.)
 */
@QuarkusTest
class ExpiryTest {

    @Inject
    EntityManager em;

    @Inject
    ExpiryRunner runner;

    @Inject
    VerificationRecordRepository records;

    Team team;

    @BeforeEach
    void team() {
        team = Team.create(em);
        TestKafka.ensureTopic(Topics.VERIFICATIONS);
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void dueCardsExpireExactlyOnceEvenWithTwoRunnersWorkingAtOnce() throws Exception {
        Instant created = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> cards = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            cards.add(team.newCard("Due " + i, team.verifier, team.verifier, 7, created));
        }
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            // two instances on one database: two runners start together and drain batches side by side
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<ExpiryRunner.Pass> first = CompletableFuture.supplyAsync(() -> runAfter(start));
            CompletableFuture<ExpiryRunner.Pass> second = CompletableFuture.supplyAsync(() -> runAfter(start));
            start.countDown();
            int expired = first.get().expired() + second.get().expired();
            assertTrue(expired >= cards.size(), "both runners together expired " + expired);
            assertEquals(0, runner.runOnce().expired(), "a later pass finds nothing left to expire");

            Set<String> ours = cards.stream().map(UUID::toString).collect(Collectors.toSet());
            List<ConsumerRecord<String, String>> events = topic.await(r -> ours.contains(r.key())
                    && VerificationEventTypes.EXPIRED.equals(IncomingCloudEvent.from(r).type()), cards.size(),
                    Team.PATIENCE);
            assertEquals(cards.size(), events.size());
            assertEquals(ours, events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
                    "one expired event per card");
            for (UUID card : cards) {
                assertEquals(1, outboxRows(card, VerificationEventTypes.EXPIRED), "expired events of " + card);
                assertEquals(1, historyEntries(card, "EXPIRED"));
            }
        }
        team.as(team.reader).get("/verifications/" + cards.get(0)).then()
                .body("status", equalTo("UNVERIFIED")).body("reason", equalTo("EXPIRED"))
                .body("nextDueAt", equalTo(created.plus(7, ChronoUnit.DAYS).toString()));
        team.as(team.verifier).get("/verifications/queue").then().body("items.size()", equalTo(35));
    }

    @Test
    void dueSoonGoesOutOnceWithinTheLeadAndTheCardExpiresWhenDue() {
        // verified 5 days ago every 7 days: due in 2 days, inside the 3-day lead
        Instant created = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID card = team.newCard("Soon", team.verifier, team.verifier, 7, created);
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.VERIFICATIONS)) {
            runner.runOnce();
            runner.runOnce();
            ConsumerRecord<String, String> soon = topic.await(r -> card.toString().equals(r.key()), 1, Team.PATIENCE)
                    .get(0);
            assertEquals(VerificationEventTypes.DUE_SOON, IncomingCloudEvent.from(soon).type());
            assertTrue(soon.value().contains("\"dueAt\":\"" + created.plus(7, ChronoUnit.DAYS) + "\""), soon.value());
            assertEquals(1, outboxRows(card, VerificationEventTypes.DUE_SOON));
            assertEquals(0, outboxRows(card, VerificationEventTypes.EXPIRED));
            team.as(team.reader).get("/verifications/" + card).then().body("status", equalTo("VERIFIED"));

            TestClock.jump(Duration.ofDays(3));
            runner.runOnce();
            topic.await(r -> card.toString().equals(r.key())
                    && VerificationEventTypes.EXPIRED.equals(IncomingCloudEvent.from(r).type()), 1, Team.PATIENCE);
            assertEquals(1, outboxRows(card, VerificationEventTypes.DUE_SOON), "no second due-soon");
            assertEquals(1, outboxRows(card, VerificationEventTypes.EXPIRED));
        }
    }

    @Test
    void aPassAfterMonthsOfDowntimeExpiresOnceAndAVerificationThenStartsANewPeriod() {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID card = team.newCard("Monthly", team.verifier, team.verifier, 30, created);
        team.as(team.reader).get("/verifications/" + card).then().body("status", equalTo("VERIFIED"));

        // nothing ran for four months: four due periods would have passed had the card been re-verified
        TestClock.jump(Duration.ofDays(120));
        runner.runOnce();
        runner.runOnce();
        assertEquals(1, outboxRows(card, VerificationEventTypes.EXPIRED));
        team.as(team.reader).get("/verifications/" + card).then()
                .body("status", equalTo("UNVERIFIED")).body("reason", equalTo("EXPIRED"));

        String due = team.as(team.verifier).post("/verifications/" + card + "/verify").then().statusCode(200)
                .extract().path("nextDueAt");
        assertTrue(Instant.parse(due).isAfter(Instant.now().plus(Duration.ofDays(140))), due);
        TestClock.jump(Duration.ofDays(31));
        runner.runOnce();
        assertEquals(2, outboxRows(card, VerificationEventTypes.EXPIRED), "the new period expired once more");
    }

    @Test
    void aVerifyDuringAPassWaitsAtMostForTheOneBatchExpiringItsCard() throws Exception {
        // due for over a year: these come first in the pass's order, before anything other tests left due
        Instant created = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // the test profile's batches hold 10: two cards stay outside the batch
            cards.add(team.newCard("Long due " + i, team.verifier, team.verifier, 7, created));
        }
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<UUID> inBatch = new java.util.concurrent.CopyOnWriteArrayList<>();
        // one batch of the pass, held open: its cards are locked until it commits
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            records.expireDue(now, 10).forEach(card -> inBatch.add(card.cardId()));
            claimed.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertTrue(claimed.await(Team.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            UUID locked = cards.stream().filter(inBatch::contains).findFirst().orElseThrow();
            UUID free = cards.stream().filter(card -> !inBatch.contains(card)).findFirst().orElseThrow();

            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> team.as(team.verifier)
                    .post("/verifications/" + locked + "/verify").then().extract().statusCode());
            // a card outside the batch is verified while the batch is still open: nothing holds it
            team.as(team.verifier).post("/verifications/" + free + "/verify").then().statusCode(200);
            assertTrue(!waiting.isDone(), "the card the open batch is expiring waits for that batch");

            release.countDown();
            batch.get();
            Awaitility.await().atMost(Team.PATIENCE).until(waiting::isDone);
            assertEquals(200, waiting.get(), "verified once the batch committed");
            team.as(team.reader).get("/verifications/" + locked).then().body("status", equalTo("VERIFIED"));
        } finally {
            release.countDown();
        }
    }

    private ExpiryRunner.Pass runAfter(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return runner.runOnce();
    }

    private long outboxRows(UUID card, String type) {
        Awaitility.await().atMost(Team.PATIENCE).until(() -> count(
                "SELECT count(*) FROM outbox_event WHERE record_key = ?1 AND published_at IS NULL", card.toString()) == 0);
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE record_key = ?1 AND type = ?2")
                .setParameter(1, card.toString()).setParameter(2, type).getSingleResult()).longValue());
    }

    private long historyEntries(UUID card, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM verification_history WHERE card_id = ?1 AND kind = ?2")
                .setParameter(1, card).setParameter(2, kind).getSingleResult()).longValue());
    }

    private long count(String sql, String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, key).getSingleResult()).longValue());
    }
}
