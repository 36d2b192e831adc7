package dev.verity.search.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.platform.outbox.Outbox;
import dev.verity.testing.TestCardEvents;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The platform's operational gauges on a real stack: the outbox backlog follows the rows waiting in the outbox, and
 * the consumer lag follows the records the group has not committed. search-service publishes nothing in production,
 * so this profile gives it an outbox source with the relay off (rows stay until the test stamps them, as the relay
 * would), and makes its card-events channel pausable, so records can pile up on the topic on purpose.
 */
@QuarkusTest
@TestProfile(OperationalMetricsTest.OutboxAndPausableConsumer.class)
class OperationalMetricsTest {

    public static class OutboxAndPausableConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "verity.outbox.source", "/tests-metrics",
                    "verity.outbox.relay-enabled", "false",
                    "mp.messaging.incoming.card-events.pausable", "true",
                    "verity.metrics.consumer-lag-refresh", "500ms");
        }
    }

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String GROUP = "search-service-test";

    @Inject
    MeterRegistry registry;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    ChannelRegistry channels;

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void theOutboxBacklogGrowsWithUnpublishedEventsAndShrinksAsTheyArePublished() {
        double before = gauge("verity.outbox.pending");
        assertTrue(before >= 0, "the backlog gauge reads the outbox table, got " + before);

        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> written = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String key = UUID.randomUUID().toString();
                written.add(outbox.publish(Topics.CARDS, key, CardEventTypes.CREATED, key, Map.of("n", i)));
            }
            return written;
        });
        try {
            await().atMost(WITHIN).untilAsserted(() -> assertEquals(before + 3, gauge("verity.outbox.pending")));
            await().atMost(WITHIN).untilAsserted(() ->
                    assertTrue(gauge("verity.outbox.oldest.pending.age") >= 0));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("verity_outbox_pending "))
                    .body(containsString("verity_outbox_oldest_pending_age_seconds "));

            stampPublished(ids);
            await().atMost(WITHIN).untilAsserted(() -> assertEquals(before, gauge("verity.outbox.pending")));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("DELETE FROM outbox_event WHERE id IN (:ids)")
                    .setParameter("ids", ids).executeUpdate());
        }
    }

    @Test
    void consumerLagCountsRecordsThePausedGroupHasNotCommittedAndFallsToZeroOnceItConsumes() throws Exception {
        String topic = TestKafka.topic(Topics.CARDS);
        String[] tags = {"group", GROUP, "topic", topic};
        await().atMost(WITHIN).untilAsserted(() -> assertTrue(gauge("verity.kafka.consumer.lag", tags) >= 0,
                "lag of " + GROUP + " on " + topic + " is read from the broker"));

        PausableChannel cardEvents = channels.getPausable("card-events");
        cardEvents.pause();
        try {
            for (int i = 0; i < 5; i++) {
                publishCard();
            }
            await().atMost(WITHIN).untilAsserted(() -> assertTrue(gauge("verity.kafka.consumer.lag", tags) >= 5,
                    "5 records published while the consumer is paused, lag " + gauge("verity.kafka.consumer.lag", tags)));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("verity_kafka_consumer_lag{channel=\"card-events\",group=\"" + GROUP + "\""))
                    // the Kafka client's own metrics, bound by Quarkus Micrometer: the consumer's view, per partition
                    .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
        } finally {
            cardEvents.resume();
        }
        await().atMost(WITHIN).untilAsserted(() -> assertEquals(0.0, gauge("verity.kafka.consumer.lag", tags)));
    }

    @Test
    void httpLatencyIsAHistogramPerOperation() {
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "anything").get("/search")
                .then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/search\""))
                // one dashboard reads all four services: every meter names its service
                .body(containsString("service=\"search-service\""));
    }

    private void publishCard() throws Exception {
        UUID cardId = UUID.randomUUID();
        Instant now = Instant.now();
        CardSnapshot card = new CardSnapshot(cardId, 1, "Lag probe", "counted while the consumer is paused",
                List.of("metrics"), "PUBLISHED", "alice", "alice", 90, now, now, UUID.randomUUID(), List.of(),
                "lag-probe-" + cardId, "olivia", null, null);
        TestCardEvents.publish(CardEventTypes.CREATED, card, "alice");
    }

    private void stampPublished(List<UUID> ids) {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE id IN (:ids)")
                .setParameter("ids", ids).executeUpdate());
    }
}
