package dev.verity.platform.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.read.EventReader;
import dev.verity.events.read.InvalidEventException;
import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.cloudevents.TrustedEvents;
import dev.verity.platform.inbox.Inbox;
import dev.verity.platform.tracing.EventTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * The batch policy of {@link EventConsumer#applyBatch} with in-memory pieces: an inbox in a set, transactions that
 * roll the claims back on failure, a no-op tracer. What a value "does" is recorded: which values the effect was
 * handed, call by call.
 */
class EventConsumerBatchTest {

    /** Claims kept in memory; a failed transaction forgets the claims it made, as the database would. */
    private final Set<String> claims = new LinkedHashSet<>();
    private final List<List<String>> calls = new ArrayList<>();
    private final EventConsumer consumer = new EventConsumer(
            new TrustedEvents(() -> Set.of("/tests")), new MemoryInbox(), new FastRetries(),
            new ConsumerStalls(Clock.systemUTC()), new EventTracing(OpenTelemetry.noop().getTracer("test")),
            work -> {
                Set<String> before = new HashSet<>(claims);
                try {
                    work.run();
                } catch (RuntimeException e) {
                    claims.retainAll(before);
                    throw e;
                }
            });
    private long offset;

    /** Reads the data as the value; data {@code invalid} is what a reader refuses. */
    private static final EventReader<String> READER = (id, type, data) -> {
        if ("invalid".equals(data)) {
            throw new InvalidEventException(id, type, "is invalid");
        }
        return Optional.of(data);
    };

    @Test
    void theFreshValuesOfABatchReachTheEffectTogetherOnceAndRedeliveriesAreSkipped() {
        ConsumerRecord<String, String> a = record("a");
        ConsumerRecord<String, String> c = record("c");
        claims.add(id(c)); // applied before
        List<ConsumerRecord<String, String>> batch = List.of(a, record("b"), a, c);

        Map<Integer, RuntimeException> rejected = apply(batch, values -> {
        });

        assertEquals(Map.of(), rejected);
        assertEquals(List.of(List.of("a", "b")), calls);
    }

    @Test
    void anUnreadableOrUntrustedRecordIsRejectedAloneAndTheOthersAreApplied() {
        ConsumerRecord<String, String> untrusted = record("b", "/somebody-else");
        List<ConsumerRecord<String, String>> batch = List.of(record("a"), untrusted, record("invalid"), record("d"));

        Map<Integer, RuntimeException> rejected = apply(batch, values -> {
        });

        assertEquals(Set.of(1, 2), rejected.keySet());
        assertInstanceOf(MalformedEventException.class, rejected.get(1));
        assertInstanceOf(InvalidEventException.class, rejected.get(2));
        assertEquals(List.of(List.of("a", "d")), calls);
    }

    @Test
    void anOutageRetriesTheWholeBatchUntilItPassesAndRejectsNothing() {
        List<ConsumerRecord<String, String>> batch = List.of(record("a"), record("b"), record("c"));

        Map<Integer, RuntimeException> rejected = apply(batch, values -> {
            if (calls.size() < 3) {
                throw new DependencyUnavailableException("HTTP 503", null);
            }
        });

        assertEquals(Map.of(), rejected);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("a", "b", "c"), List.of("a", "b", "c")), calls);
        assertEquals(3, claims.size());
    }

    @Test
    void aValueRefusedForGoodMakesTheBatchFallBackToOneAtATimeAndOnlyItsRecordIsRejected() {
        List<ConsumerRecord<String, String>> batch = List.of(record("a"), record("poison"), record("c"));

        Map<Integer, RuntimeException> rejected = apply(batch, values -> {
            if (values.contains("poison")) {
                throw new EventRejectedException("poison refused");
            }
        });

        assertEquals(Set.of(1), rejected.keySet());
        assertEquals(List.of(List.of("a", "poison", "c"), List.of("a"), List.of("poison"), List.of("c")), calls);
        assertEquals(Set.of(id(batch.get(0)), id(batch.get(2))), claims, "the poison's claim rolled back");
    }

    @Test
    void anUnrecognisedFailureIsTriedAloneAFewTimesThenOnlyItsRecordIsRejected() {
        List<ConsumerRecord<String, String>> batch = List.of(record("bug"), record("b"));

        Map<Integer, RuntimeException> rejected = apply(batch, values -> {
            if (values.contains("bug")) {
                throw new IllegalStateException("a bug");
            }
        });

        assertEquals(Set.of(0), rejected.keySet());
        // the batch once, then the bug alone unknownFailureAttempts (2) times, then b alone
        assertEquals(List.of(List.of("bug", "b"), List.of("bug"), List.of("bug"), List.of("b")), calls);
        assertTrue(claims.contains(id(batch.get(1))));
    }

    @Test
    void onceTheServiceIsStoppingAFailureOfAOneRecordChannelIsNeitherCountedNorDeadLetteredButLeftUnacknowledged() {
        ConsumerRecord<String, String> record = record("a");
        List<String> attempts = new ArrayList<>();
        consumer.stopping();

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> consumer.consume(record,
                "test-consumer", READER, (event, value) -> {
                    attempts.add(value);
                    throw new IllegalStateException("EntityManagerFactory is closed");
                }));

        assertInstanceOf(ServiceStoppingException.class, thrown);
        assertEquals(List.of("a"), attempts, "tried once, not unknownFailureAttempts times");
        assertEquals(Set.of(), claims, "the claim rolled back: the redelivery applies it");
        // the channel's failure strategy leaves the record unacknowledged instead of parking it
        List<Throwable> parked = new ArrayList<>();
        KafkaFailureHandler handler = StoppingAwareDeadLetterQueue.handler("test-channel", new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> failed, Throwable reason, Metadata metadata) {
                parked.add(reason);
                return Uni.createFrom().voidItem();
            }
        });
        IncomingKafkaRecord<String, String> message = new IncomingKafkaRecord<>(record, "test-channel", 0, null,
                handler, false, false);
        CompletableFuture<Void> nacked = message.nack(thrown).toCompletableFuture();
        assertFalse(nacked.isDone(), "never settled: no offset is committed past it");
        assertEquals(List.of(), parked);
        // a failure that is not the stop's still goes to the dead-letter topic
        IllegalStateException bug = new IllegalStateException("a bug");
        assertTrue(message.nack(bug).toCompletableFuture().isDone());
        assertEquals(List.of(bug), parked);
    }

    @Test
    void beforeTheStopTheSameFailureIsTriedAFewTimesAndThenThrownForTheDeadLetterTopic() {
        List<String> attempts = new ArrayList<>();

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> consumer.consume(record("a"),
                "test-consumer", READER, (event, value) -> {
                    attempts.add(value);
                    throw new IllegalStateException("a bug");
                }));

        assertInstanceOf(IllegalStateException.class, thrown);
        assertEquals(List.of("a", "a"), attempts);
    }

    @Test
    void onceTheServiceIsStoppingAFailedBatchIsNotAppliedOneAtATimeAndNothingOfItIsRejected() {
        List<ConsumerRecord<String, String>> batch = List.of(record("a"), record("b"));
        consumer.stopping();

        assertThrows(ServiceStoppingException.class, () -> apply(batch, values -> {
            throw new IllegalStateException("EntityManagerFactory is closed");
        }));

        assertEquals(List.of(List.of("a", "b")), calls, "no fallback to one record at a time");
        assertEquals(Set.of(), claims);
    }

    private Map<Integer, RuntimeException> apply(List<ConsumerRecord<String, String>> batch,
            java.util.function.Consumer<List<String>> effect) {
        return consumer.applyBatch(batch, "test-consumer", READER, values -> {
            List<String> seen = values.stream().map(EventConsumer.Claimed::value).toList();
            calls.add(seen);
            effect.accept(seen);
        });
    }

    private ConsumerRecord<String, String> record(String data) {
        return record(data, "/tests");
    }

    private ConsumerRecord<String, String> record(String data, String source) {
        String key = UUID.randomUUID().toString();
        ConsumerRecord<String, String> record = new ConsumerRecord<>("test.topic", 0, offset++, key, data);
        CloudEventHeaders.write(record.headers(), UUID.randomUUID().toString(), "dev.verity.test", source, key,
                Instant.now());
        return record;
    }

    private static String id(ConsumerRecord<String, String> record) {
        return CloudEventHeaders.header(record.headers(), CloudEventHeaders.ID);
    }

    private final class MemoryInbox extends Inbox {

        MemoryInbox() {
            super(null, Clock.systemUTC());
        }

        @Override
        public boolean claim(String consumer, String eventId) {
            return claims.add(eventId);
        }

        @Override
        public Set<String> claimAll(String consumer, Collection<String> eventIds) {
            Set<String> claimed = new HashSet<>();
            for (String id : eventIds) {
                if (claims.add(id)) {
                    claimed.add(id);
                }
            }
            return claimed;
        }
    }

    private static final class FastRetries implements ConsumerConfig {

        @Override
        public Duration initialBackoff() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMillis(2);
        }

        @Override
        public int unknownFailureAttempts() {
            return 2;
        }
    }
}
