package dev.verity.card;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.outbox.OutboxConfig;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestOutages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay waits out a broker that is gone for longer than every limit the relay has: writes keep
 * succeeding, their events wait in the outbox (none parked, however many passes failed; the health check turns DOWN
 * once the oldest is older than {@code stale-after}), and once the broker is back every event is delivered, in order
 * per card.
 *
 * <p>Time is compressed, not waited out: {@link ShortLimits} sets the relay's limits (send timeout, the producer's
 * delivery timeout, back-off ceiling, stale-after) to seconds, and the broker stays down
 * ({@link TestOutages#brokerOutage()}, 20 s) at least three times the longest of them, so the test proves the same
 * "outlives every limit" property as a 10-minute outage against the production limits (30 s, 30 s, 30 s, 5 min),
 * which {@code ./verity bench faults -Dfaults.kafka-down=PT10M} still runs at full length.
 */
@QuarkusTest
@Tag("outage") // takes a server away: runs on a stack of its own (the parent pom's outage-tests execution)
@TestProfile(OutboxRelayOutageTest.ShortLimits.class)
class OutboxRelayOutageTest {

    /** The relay's limits in seconds, so that a broker outage of seconds outlives every one of them. */
    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "verity.outbox.send-timeout", "2s",
                    "verity.outbox.initial-backoff", "100ms",
                    "verity.outbox.max-backoff", "1s",
                    "verity.outbox.stale-after", "5s",
                    "verity.outbox.producer.\"delivery.timeout.ms\"", String.valueOf(DELIVERY_TIMEOUT.toMillis()),
                    "verity.outbox.producer.\"request.timeout.ms\"", "1000",
                    "verity.outbox.producer.\"max.block.ms\"", "1000",
                    "verity.outbox.producer.\"reconnect.backoff.max.ms\"", "500");
        }
    }

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(2);

    private static final int CARDS = 4;
    private static final int EDITS = 2;

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    @Test
    void theRelaySurvivesALongBrokerOutageAndDeliversEveryEventInOrderPerCardAfterIt() {
        String owner = Fixtures.unique("relay");
        String token = Fixtures.token(owner);
        String collection = Fixtures.collection(owner);
        Map<String, List<Integer>> versionsPerCard = new LinkedHashMap<>();
        Duration longestLimit = Stream.of(config.sendTimeout(), config.maxBackoff(), config.staleAfter(),
                DELIVERY_TIMEOUT).max(Duration::compareTo).orElseThrow();
        assertTrue(TestOutages.brokerOutage().compareTo(longestLimit.multipliedBy(3)) >= 0,
                "the outage (" + TestOutages.brokerOutage() + ") must clearly outlive the relay's limits (" + longestLimit
                        + ")");

        TestKafka.ensureTopic(Topics.CARDS); // when this test runs first, nothing has been published yet
        try (TestKafka.TopicReader cards = TestKafka.readFromEnd(Topics.CARDS)) {
            TestOutages.crash("kafka");
            Instant restartAt = Instant.now().plus(TestOutages.brokerOutage());
            try {
                for (int i = 0; i < CARDS; i++) {
                    String id = Fixtures.cardId(token, collection, "Written while the broker is down " + i);
                    for (int v = 1; v <= EDITS; v++) {
                        Map<String, Object> edit = Fixtures.card(collection, "Edit " + v + " of card " + i);
                        given().auth().oauth2(token).header("If-Match", "\"" + v + "\"").contentType(ContentType.JSON)
                                .body(edit).put("/cards/" + id).then().statusCode(200);
                    }
                    versionsPerCard.put(id, new ArrayList<>());
                }
                // held-up events show in health: DOWN once the oldest is older than verity.outbox.stale-after
                await().atMost(TestOutages.brokerOutage()).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> given().get("/q/health/well").then()
                                .body("checks.find { it.name == 'outbox' }.status", equalTo("DOWN"))
                                .body("checks.find { it.name == 'outbox' }.data.pending", greaterThan(CARDS * EDITS))
                                .body("checks.find { it.name == 'outbox' }.data.oldestPendingAgeSeconds",
                                        greaterThan((int) config.staleAfter().toSeconds())));
                // events wait in the outbox for as long as the outage lasts; none is given up on
                await().atMost(TestOutages.brokerOutage().plusMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            assertEquals(0L, count("parked_at IS NOT NULL"), "no row may be parked by an outage");
                            assertEquals(true, Instant.now().isAfter(restartAt), "the outage is still on");
                        });
                assertEquals((long) CARDS * (EDITS + 1), count("published_at IS NULL AND parked_at IS NULL AND "
                        + "record_key IN (" + quoted(versionsPerCard.keySet()) + ")"));
                // the relay kept trying, pass after failed pass (each one a send timeout), and parked nothing
                assertTrue(maxPendingAttempts() >= 3, "failed passes of the oldest pending row: " + maxPendingAttempts());
            } finally {
                TestOutages.restart();
            }

            int expected = CARDS * (EDITS + 1);
            List<ConsumerRecord<String, String>> delivered = cards.await(
                    r -> versionsPerCard.containsKey(r.key()), expected, Duration.ofMinutes(3));
            Set<String> eventIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : delivered) {
                IncomingCloudEvent event = TestKafka.TopicReader.event(record);
                if (eventIds.add(event.id())) { // a redelivery may repeat an event; order is judged by first sight
                    int version = io.restassured.path.json.JsonPath.from(record.value()).getInt("cardVersion");
                    versionsPerCard.get(record.key()).add(version);
                }
            }
            assertEquals(expected, eventIds.size(), "every event written during the outage is delivered");
            versionsPerCard.forEach((card, versions) -> assertEquals(List.of(1, 2, 3), versions,
                    "card " + card + " events in the order they were written"));
        }
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> given().get("/q/health/well").then()
                .body("checks.find { it.name == 'outbox' }.data.pending", equalTo(0))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP")));
        assertEquals(0L, count("parked_at IS NOT NULL"));
    }

    private long count(String where) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE " + where).getSingleResult()).longValue());
    }

    private long maxPendingAttempts() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT coalesce(max(attempts), 0) FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult()).longValue());
    }

    private static String quoted(Set<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
