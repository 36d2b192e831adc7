package dev.verity.card;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestOutages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay waits out a broker that is gone for a long time (10 minutes by default): writes keep succeeding,
 * their events wait in the outbox (none parked, the health check says how old the oldest is), and once the broker
 * is back every event is delivered, in order per card.
 */
@QuarkusTest
class OutboxRelayOutageTest {

    private static final int CARDS = 4;
    private static final int EDITS = 2;

    @Inject
    EntityManager em;

    @Test
    void theRelaySurvivesALongBrokerOutageAndDeliversEveryEventInOrderPerCardAfterIt() {
        String owner = Fixtures.unique("relay");
        String token = Fixtures.token(owner);
        String collection = Fixtures.collection(owner);
        Map<String, List<Integer>> versionsPerCard = new LinkedHashMap<>();

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
                // events wait in the outbox for as long as the outage lasts; none is given up on
                await().atMost(TestOutages.brokerOutage().plusMinutes(1)).pollInterval(Duration.ofSeconds(10))
                        .untilAsserted(() -> {
                            assertEquals(0L, count("parked_at IS NOT NULL"), "no row may be parked by an outage");
                            assertEquals(true, Instant.now().isAfter(restartAt), "the outage is still on");
                        });
                assertEquals((long) CARDS * (EDITS + 1), count("published_at IS NULL AND parked_at IS NULL AND "
                        + "record_key IN (" + quoted(versionsPerCard.keySet()) + ")"));
                // held-up events show in health (DOWN once older than verity.outbox.stale-after, 5 min)
                given().get("/q/health/well").then()
                        .body("checks.find { it.name == 'outbox' }.data.pending", greaterThan(CARDS * EDITS))
                        .body("checks.find { it.name == 'outbox' }.data.oldestPendingAgeSeconds", greaterThan(0));
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
                .body("checks.find { it.name == 'outbox' }.data.pending", equalTo(0)));
        assertEquals(0L, count("parked_at IS NOT NULL"));
    }

    private long count(String where) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE " + where).getSingleResult()).longValue());
    }

    private static String quoted(Set<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
