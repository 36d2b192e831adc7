package dev.verity.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk outbox against the real PostgreSQL and Kafka: {@link Outbox#publishAll} writes many events in one
 * statement, and the relay sends a claimed batch at once, waits for the acks together and stamps the rows in one
 * statement, without giving up per-key order, at-least-once delivery or the parking of a row Kafka refuses.
 *
 * <p>In the platform's package (in card-service's tests, where a service with an outbox runs) so it can reach the
 * relay's crash point. Its events go to a topic of their own, which no service consumes.
 */
@QuarkusTest
class OutboxRelayBatchTest {

    private static final String TOPIC = "verity.relay-test";
    private static final String TYPE = "test.relayed";
    private static final Duration DELIVERED = Duration.ofSeconds(60);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    @AfterEach
    void noCrash() {
        relay.beforeStamp(batch -> {
        });
        relay.inFlightObserver(batches -> {
        });
    }

    @Test
    void eachKeysEventsKeepTheirOrderAcrossBatchesInFlightTogether() {
        assertTrue(config.maxInFlightBatches() > 1, "the relay pipelines batches");
        AtomicInteger mostInFlight = new AtomicInteger();
        relay.inFlightObserver(batches -> mostInFlight.accumulateAndGet(batches, Math::max));
        List<String> cards = List.of(unique("p"), unique("q"), unique("r"), unique("s"), unique("t"));
        int perCard = (config.batchSize() * 4 + config.batchSize() / 2) / cards.size(); // four and a half batches
        List<Outbox.Event> events = new ArrayList<>();
        for (int n = 0; n < perCard; n++) {
            for (String card : cards) { // interleaved: each card has events in every batch
                events.add(new Outbox.Event(TOPIC, card, TYPE, card, Map.of("card", card, "n", n)));
            }
        }
        try (Reader reader = new Reader()) {
            QuarkusTransaction.requiringNew().run(() -> outbox.publishAll(events));

            List<ConsumerRecord<String, String>> delivered = reader.firstSightings(Set.copyOf(cards), events.size());
            Map<String, List<Integer>> sequence = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : delivered) {
                sequence.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(n(record));
            }
            List<Integer> written = java.util.stream.IntStream.range(0, perCard).boxed().toList();
            cards.forEach(card -> assertEquals(written, sequence.get(card), "card " + card + " in written order"));
        }
        assertTrue(mostInFlight.get() >= 2,
                "a batch was claimed and sent while an earlier one awaited its acks (most in flight: " + mostInFlight
                        + ")");
        await().atMost(DELIVERED).until(() -> pending(cards) == 0L);
    }

    @Test
    void eachKeysEventsReachKafkaInTheOrderTheyWereWrittenWithinOneRelayBatch() {
        List<String> cards = List.of(unique("a"), unique("b"), unique("c"), unique("d"), unique("e"));
        List<Outbox.Event> events = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            for (String card : cards) { // interleaved: each card's events are spread over the whole batch
                events.add(new Outbox.Event(TOPIC, card, TYPE, card, Map.of("card", card, "n", n)));
            }
        }
        try (Reader reader = new Reader()) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.publishAll(events));
            assertEquals(events.size(), ids.size());
            assertEquals(events.size(), new LinkedHashSet<>(ids).size(), "every event has its own id");

            List<ConsumerRecord<String, String>> delivered = reader.firstSightings(Set.copyOf(cards), events.size());
            Map<String, List<Integer>> sequence = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> record : delivered) {
                sequence.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(n(record));
            }
            List<Integer> written = java.util.stream.IntStream.range(0, 60).boxed().toList();
            cards.forEach(card -> assertEquals(written, sequence.get(card), "card " + card + " in written order"));
        }
        assertEquals(0L, pending(cards), "every row is stamped");
    }

    @Test
    void aCrashBetweenTheAcksAndTheStampLosesNothingTheRowsAreSentAgain() {
        String card = unique("crash");
        AtomicBoolean crashed = new AtomicBoolean();
        relay.beforeStamp(batch -> { // the bean itself, not the test's client proxy, holds the crash point
            if (batch.stream().anyMatch(row -> card.equals(row.key())) && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("the relay dies after the broker acknowledged, before the stamp");
            }
        });
        List<Outbox.Event> events = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            events.add(new Outbox.Event(TOPIC, card, TYPE, card, Map.of("card", card, "n", n)));
        }
        try (Reader reader = new Reader()) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.publishAll(events));

            // sent before the crash and again after it: 40 records, each event id twice
            List<ConsumerRecord<String, String>> delivered = reader.all(Set.of(card), 2 * events.size());
            assertTrue(crashed.get(), "the relay crashed between send and stamp");
            Map<String, Integer> copies = new HashMap<>();
            List<Integer> firstSeen = new ArrayList<>();
            for (ConsumerRecord<String, String> record : delivered) {
                String id = header(record, "ce_id");
                if (copies.merge(id, 1, Integer::sum) == 1) {
                    firstSeen.add(n(record));
                }
            }
            assertEquals(ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet()), copies.keySet(),
                    "every event reaches Kafka (consumers deduplicate the second copy by event id)");
            assertTrue(copies.values().stream().allMatch(c -> c >= 2), "the unstamped rows were sent again: " + copies);
            assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), firstSeen);
        }
        await().atMost(DELIVERED).until(() -> pending(List.of(card)) == 0L);
    }

    @Test
    void aRowKafkaCanNeverTakeIsParkedAndTheRestOfItsBatchIsPublished() {
        String card = unique("poison");
        // larger than the producer's max.request.size: a row that slipped past the size limit (written before it)
        String huge = "x".repeat(1_200_000);
        try (Reader reader = new Reader()) {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.publishAll(List.of(new Outbox.Event(TOPIC, card, TYPE, card, Map.of("card", card, "n", 0))));
                em.createNativeQuery("""
                        INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload)
                        VALUES (gen_random_uuid(), ?1, ?2, ?3, '/card-service', ?2, now(), ?4)""")
                        .setParameter(1, TOPIC).setParameter(2, card).setParameter(3, TYPE)
                        .setParameter(4, "{\"card\":\"" + card + "\",\"n\":1,\"pad\":\"" + huge + "\"}").executeUpdate();
                outbox.publishAll(List.of(new Outbox.Event(TOPIC, card, TYPE, card, Map.of("card", card, "n", 2))));
            });

            List<ConsumerRecord<String, String>> delivered = reader.firstSightings(Set.of(card), 2);
            assertEquals(List.of(0, 2), delivered.stream().map(OutboxRelayBatchTest::n).toList());
            await().atMost(DELIVERED).until(() -> pending(List.of(card)) == 0L);
            Object[] parked = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "SELECT parked_at, attempts, last_error FROM outbox_event WHERE record_key = ?1 AND parked_at IS NOT NULL")
                    .setParameter(1, card).getSingleResult());
            assertNotNull(parked[0]);
            assertEquals(1, ((Number) parked[1]).intValue());
            assertTrue(((String) parked[2]).startsWith("RecordTooLargeException"), (String) parked[2]);
        } finally {
            // a parked row turns the outbox health DOWN for the other tests: an operator would redrive or remove it
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "DELETE FROM outbox_event WHERE record_key = ?1").setParameter(1, card).executeUpdate());
        }
    }

    private long pending(List<String> keys) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE record_key = ANY(CAST(?1 AS text[])) AND published_at IS NULL"
                        + " AND parked_at IS NULL")
                .setParameter(1, "{" + String.join(",", keys) + "}").getSingleResult()).longValue());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static int n(ConsumerRecord<String, String> record) {
        return io.restassured.path.json.JsonPath.from(record.value()).getInt("n");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The test topic from its current end (its events have no published schema, so TestKafka's reader would refuse them). */
    private static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        Reader() {
            TestKafka.ensureTopic(TOPIC);
            String topic = TestKafka.topic(TOPIC);
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Every record of {@code keys}, in arrival order, once at least {@code count} have arrived. */
        List<ConsumerRecord<String, String>> all(Set<String> keys, int count) {
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(DELIVERED).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                matching.clear();
                seen.stream().filter(r -> keys.contains(r.key())).forEach(matching::add);
                return matching.size() >= count;
            });
            return matching;
        }

        /** The first copy of each event of {@code keys}, in arrival order, once {@code count} distinct ones arrived. */
        List<ConsumerRecord<String, String>> firstSightings(Set<String> keys, int count) {
            List<ConsumerRecord<String, String>> first = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(DELIVERED).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                Set<String> ids = new LinkedHashSet<>();
                first.clear();
                seen.stream().filter(r -> keys.contains(r.key())).filter(r -> ids.add(header(r, "ce_id")))
                        .forEach(first::add);
                return first.size() >= count;
            });
            return first;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
