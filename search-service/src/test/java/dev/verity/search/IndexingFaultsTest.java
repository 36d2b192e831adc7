package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestOutages;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the index consumer does when things go wrong: an outage is waited out (nothing dead-lettered), an event that
 * can never succeed is dead-lettered with its origin while the next ones flow, and a dead-letter topic is re-driven
 * after a fix, applying each event once. The outage outlives the consumer's limits, set to seconds by
 * {@link ShortOutageLimits}.
 */
@QuarkusTest
@Tag("outage") // takes a server away: runs on a stack of its own (the parent pom's outage-tests execution)
@TestProfile(ShortOutageLimits.class)
class IndexingFaultsTest {

    private static final Duration INDEXED = Duration.ofSeconds(60);
    private static final String DLQ = Topics.CARDS + ".dlq.search-service";

    @Inject
    CardFeed feed;

    @Test
    void anEventPublishedDuringAnElasticsearchOutageIsIndexedAfterItAndNothingIsDeadLettered() {
        UUID id = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String eventId;
            Instant thawAt = Instant.now().plus(ShortOutageLimits.outage());
            try (TestOutages.Frozen frozen = TestOutages.freeze("elasticsearch")) {
                eventId = feed.publish(id, 1, "Outage " + word, "written while Elasticsearch was away", "PUBLISHED");
                // the consumer is stuck on it and says so, without giving up
                await().atMost(INDEXED).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                        .body("checks.find { it.name == 'event consumers' }.data.'search-index'",
                                containsString(Topics.CARDS)));
                await().atMost(ShortOutageLimits.outage().plusMinutes(1))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> Instant.now().isAfter(thawAt));
                assertFalse(feed.applied(eventId), "nothing can be indexed while Elasticsearch is frozen");
                // ... and still waiting, longer than an unrecognised failure would have been retried
                String stall = given().get("/q/health/well").then().statusCode(503).extract()
                        .path("checks.find { it.name == 'event consumers' }.data.'search-index'");
                Matcher waited = Pattern.compile("waiting out a failure for (\\d+) s").matcher(stall);
                assertTrue(waited.find() && Long.parseLong(waited.group(1))
                        > ShortOutageLimits.unknownFailureBudget().toSeconds(), stall);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> feed.applied(eventId));
            assertEquals("PUBLISHED", feed.indexed(id).status());
            await().atMost(INDEXED).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200));
            // a later event of the same key proves the partition moved on; the dead-letter topic saw neither
            String later = feed.publish(id, 2, "Outage " + word + " (after)", "body", "PUBLISHED");
            await().atMost(INDEXED).until(() -> feed.applied(later));
            assertTrue(dlq.poll().stream().noneMatch(r -> id.toString().equals(r.key())),
                    "an outage must not dead-letter anything");
        }
    }

    @Test
    void aMalformedEventIsDeadLetteredWithTheErrorAndItsOriginWhileTheNextOnesFlow() {
        UUID id = UUID.randomUUID();
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String bad = UUID.randomUUID().toString();
            TestKafka.publish(Topics.CARDS, id.toString(), bad, CardEventTypes.CREATED, "{\"cardId\": ");
            String good = feed.publish(id, 1, "After the malformed one", "body", "PUBLISHED");
            await().atMost(INDEXED).until(() -> feed.applied(good));

            ConsumerRecord<String, String> parked = dlq.await(r -> id.toString().equals(r.key()), 1, INDEXED).get(0);
            assertEquals(bad, TestKafka.TopicReader.event(parked).id());
            assertEquals(TestKafka.topic(Topics.CARDS), header(parked, "dead-letter-topic"));
            assertTrue(Integer.parseInt(header(parked, "dead-letter-partition")) >= 0);
            assertTrue(Long.parseLong(header(parked, "dead-letter-offset")) >= 0);
            assertTrue(header(parked, "dead-letter-reason").contains(bad),
                    "the reason names the event: " + header(parked, "dead-letter-reason"));
            assertEquals(0, feed.timesApplied(bad));
        }
    }

    @Test
    void aWriteElasticsearchRefusesIsDeadLetteredAndReDrivingItAfterTheFixIndexesItOnce() {
        UUID id = UUID.randomUUID();
        TestKafka.ensureTopic(DLQ);
        String eventId;
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            feed.blockWrites(true); // an operator's write block: HTTP 403, which no retry can fix
            try {
                eventId = feed.publish(id, 1, "Refused while blocked", "body", "PUBLISHED");
                dlq.await(r -> id.toString().equals(r.key()), 1, INDEXED);
            } finally {
                feed.blockWrites(false);
            }
        }
        assertFalse(feed.applied(eventId));
        assertNull(feed.indexed(id));

        given().auth().oauth2(TestTokens.admin("ops")).post("/admin/dead-letters/card-events/redrive")
                .then().statusCode(200)
                .body("deadLetterTopic", equalTo(TestKafka.topic(DLQ)))
                .body("redriven", greaterThanOrEqualTo(1));
        await().atMost(INDEXED).until(() -> feed.applied(eventId));
        assertEquals("PUBLISHED", feed.indexed(id).status());

        // a second re-drive finds nothing new of ours, and the event stays applied exactly once
        given().auth().oauth2(TestTokens.admin("ops")).post("/admin/dead-letters/card-events/redrive")
                .then().statusCode(200);
        String marker = feed.publish(id, 2, "Marker after the re-drives", "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> feed.applied(marker));
        assertEquals(1, feed.timesApplied(eventId));
        assertEquals(2, feed.indexed(id).version());
    }

    @Test
    void reDrivingIsForAdminsAndNamesTheChannelsThereAre() {
        given().auth().oauth2(TestTokens.user("agent")).post("/admin/dead-letters/card-events/redrive")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ops")).post("/admin/dead-letters/nope/redrive")
                .then().statusCode(404).contentType("application/problem+json")
                .body("channels", hasItem("card-events"));
        given().auth().oauth2(TestTokens.admin("ops")).get("/admin/dead-letters")
                .then().statusCode(200).body("$", equalTo(List.of("card-events", "collection-events", "directory-events",
                        "slack-directory-events", "usage-events", "verification-events")));
        given().auth().oauth2(TestTokens.admin("ops")).post("/admin/outbox/redrive")
                .then().statusCode(404).body("detail", containsString("publishes no events"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "missing header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
