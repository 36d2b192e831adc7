package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestOutages;
import dev.verity.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The card consumer takes {@code verity.cards} in batches: one transaction and one {@code _bulk} per batch, each
 * card's newest event written, a poison event dead-lettered alone, an outage waited out for the whole batch. Events
 * are sent in bursts by one producer (as the outbox relay sends an import), so they reach the consumer together.
 * The outage outlives the consumer's limits, set to seconds by {@link ShortOutageLimits}.
 */
@QuarkusTest
@Tag("outage") // takes a server away: runs on a stack of its own (the parent pom's outage-tests execution)
@TestProfile(ShortOutageLimits.class)
class BulkIndexingTest {

    private static final Duration INDEXED = Duration.ofSeconds(90);
    private static final String DLQ = Topics.CARDS + ".dlq.search-service";

    @Inject
    CardFeed feed;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    @Test
    void aBurstOfCardEventsIsIndexedAtEachCardsLatestVersionWithFarFewerBulkRequestsThanEvents() {
        String word = CardFeed.uniqueWord();
        feed.letRead("bulk-reader");
        List<UUID> cards = new ArrayList<>();
        List<Pending> burst = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            UUID id = UUID.randomUUID();
            cards.add(id);
        }
        // three versions of each of 100 cards, keyed by card id so they spread over the topic's partitions
        for (int version = 1; version <= 3; version++) {
            for (UUID id : cards) {
                burst.add(pending(id, version, "Burst " + word + " v" + version, List.of("billing")));
            }
        }
        double requestsBefore = bulkRequests();
        send(burst);

        await().atMost(INDEXED).pollInterval(Duration.ofSeconds(1))
                .until(() -> burst.stream().allMatch(p -> feed.applied(p.eventId())));
        for (UUID id : cards) {
            CardFeed.IndexedCard indexed = feed.indexed(id);
            assertEquals(3, indexed.version(), "card " + id);
            assertEquals("Burst " + word + " v3", indexed.title());
        }
        // all applied; the ceiling is the indexing one, as a loaded machine answered one search in more than 10 s
        await().atMost(INDEXED).untilAsserted(() -> given().auth().oauth2(TestTokens.user("bulk-reader"))
                .queryParam("q", word).queryParam("limit", 1).get("/search")
                .then().statusCode(200).body("total", equalTo(100)));
        double requests = bulkRequests() - requestsBefore;
        assertTrue(requests < burst.size() / 3.0,
                "300 events should take far fewer _bulk requests than events, took " + requests);
    }

    @Test
    void duplicatesAndAnOlderEventAfterANewerOneInTheSameBatchChangeNothing() {
        UUID id = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        Pending newer = pending(id, 2, "Newer " + word, List.of());
        Pending older = pending(id, 1, "Older " + word, List.of());
        Pending olderStill = pending(id, 1, "Older again " + word, List.of());
        try (Gate gate = gate(word)) {
            send(List.of(newer, older, newer, olderStill, newer));
        }

        await().atMost(INDEXED).until(() -> feed.applied(newer.eventId()) && feed.applied(older.eventId())
                && feed.applied(olderStill.eventId()));
        CardFeed.IndexedCard indexed = feed.indexed(id);
        assertEquals(2, indexed.version());
        assertEquals("Newer " + word, indexed.title());
        assertEquals(1, feed.timesApplied(newer.eventId()));

        // a redelivery of the whole burst later changes nothing either
        send(List.of(older, newer));
        Pending marker = pending(id, 3, "Marker " + word, List.of());
        send(List.of(marker));
        await().atMost(INDEXED).until(() -> feed.applied(marker.eventId()));
        assertEquals(1, feed.timesApplied(newer.eventId()));
        assertEquals(3, feed.indexed(id).version());
    }

    @Test
    void aPoisonEventInsideABatchIsDeadLetteredAloneWhileTheRestOfTheBatchIsIndexed() {
        String word = CardFeed.uniqueWord();
        UUID poisoned = UUID.randomUUID();
        List<Pending> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(pending(UUID.randomUUID(), 1, "Batch mate " + word, List.of("billing")));
        }
        // a tag longer than Elasticsearch takes for a keyword (32766 bytes): the reader accepts it, the index refuses it
        Pending poison = pending(poisoned, 1, "Poison " + word, List.of("x".repeat(40_000)));
        burst.add(20, poison);
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            try (Gate gate = gate(word)) {
                send(burst);
            }
            await().atMost(INDEXED).until(() -> burst.stream().filter(p -> p != poison)
                    .allMatch(p -> feed.applied(p.eventId())));
            List<ConsumerRecord<String, String>> parked = dlq.await(r -> poisoned.toString().equals(r.key()), 1,
                    INDEXED);
            assertEquals(poison.eventId(), TestKafka.TopicReader.event(parked.get(0)).id());
            assertEquals(TestKafka.topic(Topics.CARDS), header(parked.get(0), "dead-letter-topic"));
            assertTrue(header(parked.get(0), "dead-letter-reason").contains(poisoned.toString()),
                    "the reason names the card: " + header(parked.get(0), "dead-letter-reason"));
            // nothing else of the batch went there
            List<String> batchKeys = burst.stream().map(p -> p.cardId().toString()).toList();
            assertEquals(List.of(poisoned.toString()), dlq.poll().stream().map(ConsumerRecord::key)
                    .filter(batchKeys::contains).toList());
        }
        assertFalse(feed.applied(poison.eventId()));
        assertEquals(null, feed.indexed(poisoned));
        burst.stream().filter(p -> p != poison).forEach(p -> assertEquals(1, feed.indexed(p.cardId()).version()));
    }

    @Test
    void aBatchPublishedDuringAnElasticsearchOutageIsIndexedAfterItAndNothingIsDeadLettered() {
        String word = CardFeed.uniqueWord();
        List<Pending> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            burst.add(pending(UUID.randomUUID(), 1, "Outage batch " + word, List.of()));
        }
        TestKafka.ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            Instant thawAt = Instant.now().plus(ShortOutageLimits.outage());
            try (TestOutages.Frozen frozen = TestOutages.freeze("elasticsearch")) {
                send(burst);
                await().atMost(ShortOutageLimits.outage().plusMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Instant.now().isAfter(thawAt));
                assertTrue(burst.stream().noneMatch(p -> feed.applied(p.eventId())),
                        "nothing can be indexed while Elasticsearch is frozen");
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> burst.stream().allMatch(p -> feed.applied(p.eventId())));
            burst.forEach(p -> assertEquals(1, feed.indexed(p.cardId()).version()));
            List<String> batchKeys = burst.stream().map(p -> p.cardId().toString()).toList();
            assertTrue(dlq.poll().stream().noneMatch(r -> batchKeys.contains(r.key())),
                    "an outage must not dead-letter anything");
        }
    }

    /** Releases the gate's row lock. */
    private interface Gate extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Publishes a card event and holds its card's {@code card_verification} row lock until closed, so the consumer
     * waits on it and what is published meanwhile piles up on the topic: the next polls bring it in batches, whatever
     * the machine's speed (without it, a consumer that keeps up with the producer may well take every event alone).
     */
    private Gate gate(String word) {
        UUID gateCard = UUID.randomUUID();
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "INSERT INTO card_verification (card_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                lock.setObject(1, gateCard);
                lock.executeUpdate();
            }
            Pending gateEvent = pending(gateCard, 1, "Gate " + word, List.of());
            send(List.of(gateEvent));
            return () -> {
                try (connection) {
                    connection.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                await().atMost(INDEXED).until(() -> feed.applied(gateEvent.eventId()));
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double bulkRequests() {
        return registry.find("verity.search.bulk.requests").counter().count();
    }

    private record Pending(String eventId, UUID cardId, String type, String json) {
    }

    private Pending pending(UUID cardId, long version, String title, List<String> tags) {
        Instant now = Instant.now();
        CardSnapshot card = new CardSnapshot(cardId, version, title, "body of " + title, tags, "PUBLISHED", "alice",
                "alice", 90, now, now, CardFeed.COLLECTION, List.of(CardFeed.FOLDER), "card-" + cardId, "olivia", null,
                null);
        try {
            return new Pending(UUID.randomUUID().toString(), cardId,
                    version == 1 ? CardEventTypes.CREATED : CardEventTypes.UPDATED,
                    mapper.writeValueAsString(new CardEvent(cardId, version, "alice", now, card)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the events in order through one producer, as fast as it batches them, and waits for the broker. */
    private static void send(List<Pending> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000_000),
                new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Pending event : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TestKafka.topic(Topics.CARDS),
                        event.cardId().toString(), event.json());
                CloudEventHeaders.write(record.headers(), event.eventId(), event.type(), "/tests",
                        event.cardId().toString(), Instant.now());
                sent.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the burst", e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertTrue(header != null, "missing header " + name);
        return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
