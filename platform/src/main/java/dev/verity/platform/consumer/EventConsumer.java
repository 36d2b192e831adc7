package dev.verity.platform.consumer;

import dev.verity.events.read.EventReader;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.TrustedEvents;
import dev.verity.platform.inbox.Inbox;
import dev.verity.platform.retry.Backoff;
import dev.verity.platform.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one consumer path every service shares: read the CloudEvent (trusted sources only), turn its data into the
 * typed value the service wants (with the topic's reader from {@code events}), then, in one new transaction, claim the event id in the inbox and apply the value.
 * A redelivered event is skipped; an effect that fails rolls its claim back, so the next attempt applies it again.
 *
 * <p>Failures are sorted by {@link Failures}: while a dependency is away (database, Elasticsearch, broker) the
 * event is retried with back-off for as long as the outage lasts. The {@code @Incoming} method blocks meanwhile, so
 * the Kafka connector stops fetching and pauses the partitions, and the partition resumes in order afterwards.
 * An event that can never succeed (malformed, from an untrusted source, rejected by a rule) is thrown at once, and
 * the channel's {@code dead-letter-queue} failure strategy parks it with the error and its origin in headers;
 * an unrecognised failure (a bug) is tried {@link ConsumerConfig#unknownFailureAttempts()} times first.
 * Services declare only what a value does ({@link Effect}), or what a batch of values does ({@link BatchEffect},
 * for channels consumed in batches: {@link #consumeBatch}).
 *
 * <p>Once the service is stopping, a failure is the stop's (Hibernate closed under the effect, a pause interrupted),
 * not the event's: it is neither counted nor dead-lettered. A one-record channel's method throws
 * {@link ServiceStoppingException}, which the platform's failure strategy ({@link StoppingAwareDeadLetterQueue}) leaves
 * unacknowledged; a batch is left unsettled. Either way nothing is committed past it and it comes again after the
 * restart.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    /** What the service does with one value; runs inside the transaction that holds the inbox claim. */
    @FunctionalInterface
    public interface Effect<T> {
        void apply(IncomingCloudEvent event, T value);
    }

    /**
     * What the service does with the fresh values of a batch, in order of arrival; runs inside the one transaction
     * that holds their inbox claims, and must be idempotent (an outage retries the batch, and a batch that fails
     * otherwise is applied again one value at a time).
     */
    @FunctionalInterface
    public interface BatchEffect<T> {
        void apply(List<Claimed<T>> values);
    }

    /** One value of a batch whose event id was claimed now, with its event. */
    public record Claimed<T>(IncomingCloudEvent event, T value) {
    }

    private final TrustedEvents events;
    private final Inbox inbox;
    private final Backoff backoff;
    private final int unknownFailureAttempts;
    private final ConsumerStalls stalls;
    private final EventTracing tracing;
    private final Transactions transactions;
    /** Set when the service begins to stop (before Hibernate and the connector close). */
    private volatile boolean stopping;

    /** Runs work in a new transaction: JTA here; in the unit tests of the policy, the work alone. */
    @FunctionalInterface
    interface Transactions {
        void inNew(Runnable work);
    }

    @Inject
    EventConsumer(TrustedEvents events, Inbox inbox, ConsumerConfig config, ConsumerStalls stalls,
            EventTracing tracing) {
        this(events, inbox, config, stalls, tracing, work -> QuarkusTransaction.requiringNew().run(work));
    }

    EventConsumer(TrustedEvents events, Inbox inbox, ConsumerConfig config, ConsumerStalls stalls,
            EventTracing tracing, Transactions transactions) {
        this.transactions = transactions;
        this.tracing = tracing;
        this.events = events;
        this.inbox = inbox;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.unknownFailureAttempts = config.unknownFailureAttempts();
        this.stalls = stalls;
    }

    /** The first thing done on SIGTERM: from now on a failure is the stop's, not the event's. */
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping();
    }

    void stopping() {
        stopping = true;
    }

    private boolean isStopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    /**
     * Applies the record once, waiting out outages; returns when it is applied (or was already), throws when it
     * belongs on the dead-letter topic.
     *
     * @param consumer the inbox name of this consumer: one per service and topic, never reused
     * @param reader   the reader of the topic's events, from {@code dev.verity.events.read} (an invalid event is
     *                 dead-lettered at once)
     */
    public <T> void consume(ConsumerRecord<String, String> record, String consumer, EventReader<T> reader,
            Effect<T> effect) {
        // the whole consumption, retries included, is one span in the trace of the write that produced the event;
        // current while the effect runs, so the events it publishes carry that trace on
        Span span = tracing.startConsumerSpan(record, consumer);
        try (Scope scope = span.makeCurrent()) {
            consumeInSpan(record, consumer, reader, effect);
        } catch (RuntimeException e) {
            EventTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> void consumeInSpan(ConsumerRecord<String, String> record, String consumer, EventReader<T> reader,
            Effect<T> effect) {
        IncomingCloudEvent event = events.read(record);
        Optional<T> value = reader.read(event.id(), event.type(), event.data());
        if (value.isEmpty()) {
            return;
        }
        applyWaitingOutOutages(record, consumer, event, value.get(), effect);
    }

    private <T> void applyWaitingOutOutages(ConsumerRecord<String, String> record, String consumer,
            IncomingCloudEvent event, T value, Effect<T> effect) {
        int failures = 0;
        int unknown = 0;
        while (true) {
            try {
                applyOnce(consumer, event, value, effect);
                if (failures > 0) {
                    LOG.infof("%s: event %s (%s) applied after %d failed attempts; partition %s-%d resumes",
                            consumer, event.id(), event.type(), failures, record.topic(), record.partition());
                }
                stalls.cleared(consumer);
                return;
            } catch (ServiceStoppingException e) {
                stalls.cleared(consumer);
                throw e;
            } catch (RuntimeException e) {
                if (isStopping()) {
                    stalls.cleared(consumer);
                    LOG.infof("%s: stopping with event %s (%s) at %s-%d@%d not applied (%s); it is not acknowledged "
                            + "and comes again after the restart", consumer, event.id(), event.type(), record.topic(),
                            record.partition(), record.offset(), rootMessage(e));
                    throw new ServiceStoppingException("the service is stopping: event " + event.id()
                            + " not applied", e);
                }
                failures++;
                Failures.Kind kind = Failures.classify(e);
                if (kind == Failures.Kind.PERMANENT) {
                    stalls.cleared(consumer);
                    throw e;
                }
                if (kind == Failures.Kind.UNKNOWN && ++unknown >= unknownFailureAttempts) {
                    stalls.cleared(consumer);
                    LOG.errorf(e, "%s: event %s (%s) failed %d times with an error that is not an outage; "
                            + "dead-lettering it", consumer, event.id(), event.type(), unknown);
                    throw e;
                }
                Duration pause = backoff.delay(failures);
                Span.current().addEvent("retry after " + kind + " failure: " + rootMessage(e));
                stalls.stalled(consumer, record, e);
                if (failures == 1 || Integer.bitCount(failures) == 1) { // 1, 2, 4, 8...: a quiet log in a long outage
                    LOG.warnf("%s: event %s (%s) at %s-%d@%d not applied (%s, attempt %d): %s; retrying in %d ms",
                            consumer, event.id(), event.type(), record.topic(), record.partition(), record.offset(),
                            kind, failures, rootMessage(e), pause.toMillis());
                }
                pause(pause);
            }
        }
    }

    /**
     * The batch form of {@link #consume}, for a channel with {@code batch=true}: applies every record of the batch
     * once, waiting out outages, then acknowledges the batch; a record that can never succeed goes to the channel's
     * dead-letter topic alone. Returns when the batch is settled (the stage completes once the dead-letter topic
     * holds the rejected records and the rest is acknowledged).
     *
     * <p>Why the batch is never nacked as a whole: SmallRye's {@code IncomingKafkaRecordBatch.nack} nacks every record
     * in it, so with the {@code dead-letter-queue} strategy one poison event would park the whole batch (hundreds of
     * good events). Instead each rejected record is nacked on its own, which runs the channel's own dead-letter
     * strategy for it (the same topic, key, value and {@code dead-letter-*} headers as a one-record channel, so
     * {@link DeadLetterRedrive} re-drives it), and only then are the others acknowledged. A batch commits through its
     * newest record per partition, so waiting for the dead-letter writes first means no offset is committed past a
     * rejected record before it is parked.
     *
     * @see #applyBatch
     */
    public <T> CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch, String consumer,
            EventReader<T> reader, BatchEffect<T> effect) {
        List<KafkaRecord<String, String>> messages = batch.getRecords();
        List<ConsumerRecord<String, String>> records = messages.stream().map(EventConsumer::consumerRecord).toList();
        Map<Integer, RuntimeException> rejected;
        try {
            rejected = applyBatch(records, consumer, reader, effect);
        } catch (RuntimeException e) {
            if (isStopping() || ServiceStoppingException.among(e)) {
                // the service is stopping while the batch waits out an outage: throwing would nack the batch, and so
                // dead-letter all of it; left unsettled instead, it is not committed and comes again after the restart
                LOG.infof("%s: stopping with a batch of %d records not applied; it is redelivered after the restart",
                        consumer, records.size());
                return new CompletableFuture<>();
            }
            throw e;
        }
        Set<String> parked = new HashSet<>();
        CompletionStage<Void> settled = CompletableFuture.completedFuture(null);
        for (Map.Entry<Integer, RuntimeException> entry : rejected.entrySet()) {
            KafkaRecord<String, String> message = messages.get(entry.getKey());
            parked.add(position(records.get(entry.getKey())));
            settled = settled.thenCompose(done -> message.nack(entry.getValue()));
        }
        return settled.thenCompose(done -> {
            // the dead-letter strategy acknowledged each parked record itself; acknowledge the newest of each
            // partition that is not one of them (acknowledging it twice would count it processed twice)
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (KafkaRecord<String, String> latest : batch.getLatestOffsetRecords().values()) {
                if (!parked.contains(position(consumerRecord(latest)))) {
                    acks.add(latest.ack().toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        });
    }

    /**
     * Applies a batch of records and returns those that belong on the dead-letter topic (by index in
     * {@code records}, with the failure), without touching acknowledgements. Every record is read first (trusted
     * source, reader): one that cannot be read is rejected on its own. Then, in one new transaction, every event id
     * is claimed in the inbox at once (ids applied before, or twice in the batch, are left out) and the fresh values
     * go to the effect together. While a dependency is away the whole batch is tried again with back-off, for as long
     * as the outage lasts (the claims roll back with the failure, so a retry applies everything again; the effect
     * must be idempotent, as every effect here is). Any other failure cannot be pinned on one record, so the batch
     * falls back to the one-record path, record by record, in order: each gets the policy of {@link #consume}
     * (permanent: rejected at once; unrecognised: a few attempts, then rejected), and only the record at fault is
     * rejected.
     */
    <T> Map<Integer, RuntimeException> applyBatch(List<ConsumerRecord<String, String>> records, String consumer,
            EventReader<T> reader, BatchEffect<T> effect) {
        Span span = tracing.startBatchSpan(records, consumer);
        try (Scope scope = span.makeCurrent()) {
            return applyBatchInSpan(records, consumer, reader, effect);
        } catch (RuntimeException e) {
            EventTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> Map<Integer, RuntimeException> applyBatchInSpan(List<ConsumerRecord<String, String>> records,
            String consumer, EventReader<T> reader, BatchEffect<T> effect) {
        Map<Integer, RuntimeException> rejected = new TreeMap<>();
        List<Read<T>> read = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                IncomingCloudEvent event = events.read(record);
                Optional<T> value = reader.read(event.id(), event.type(), event.data());
                if (value.isPresent()) {
                    read.add(new Read<>(i, record, event, value.get()));
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s: record %s-%d@%d cannot be read, dead-lettering it: %s", consumer, record.topic(),
                        record.partition(), record.offset(), rootMessage(e));
                rejected.put(i, e);
            }
        }
        if (read.isEmpty()) {
            return rejected;
        }
        int failures = 0;
        while (true) {
            try {
                applyBatchOnce(consumer, read, effect);
                if (failures > 0) {
                    LOG.infof("%s: batch of %d events applied after %d failed attempts; its partitions resume",
                            consumer, read.size(), failures);
                }
                stalls.cleared(consumer);
                return rejected;
            } catch (ServiceStoppingException e) {
                stalls.cleared(consumer);
                throw e;
            } catch (RuntimeException e) {
                if (isStopping()) {
                    stalls.cleared(consumer);
                    throw new ServiceStoppingException("the service is stopping: a batch of " + read.size()
                            + " events not applied", e);
                }
                failures++;
                Failures.Kind kind = Failures.classify(e);
                ConsumerRecord<String, String> first = read.get(0).record();
                if (kind != Failures.Kind.TRANSIENT) {
                    LOG.warnf("%s: batch of %d events from %s-%d@%d failed (%s): %s; applying them one at a time, so "
                            + "that only an event at fault is dead-lettered", consumer, read.size(), first.topic(),
                            first.partition(), first.offset(), kind, rootMessage(e));
                    Span.current().addEvent("batch falls back to one record at a time after " + kind + " failure: "
                            + rootMessage(e));
                    for (Read<T> one : read) {
                        try {
                            applyAlone(one, consumer, effect);
                        } catch (RuntimeException failure) {
                            if (isStopping() || ServiceStoppingException.among(failure)) {
                                throw failure; // stopping: nothing of this batch is dead-lettered for that
                            }
                            rejected.put(one.index(), failure);
                        }
                    }
                    return rejected;
                }
                Duration pause = backoff.delay(failures);
                Span.current().addEvent("retry after " + kind + " failure: " + rootMessage(e));
                stalls.stalled(consumer, first, e);
                if (failures == 1 || Integer.bitCount(failures) == 1) {
                    LOG.warnf("%s: batch of %d events from %s-%d@%d not applied (%s, attempt %d): %s; retrying in %d ms",
                            consumer, read.size(), first.topic(), first.partition(), first.offset(), kind, failures,
                            rootMessage(e), pause.toMillis());
                }
                pause(pause);
            }
        }
    }

    /** One record of a failed batch on the one-record path, in a span of its own in the record's trace. */
    private <T> void applyAlone(Read<T> one, String consumer, BatchEffect<T> effect) {
        Span span = tracing.startConsumerSpan(one.record(), consumer);
        try (Scope scope = span.makeCurrent()) {
            applyWaitingOutOutages(one.record(), consumer, one.event(), one.value(),
                    (event, value) -> effect.apply(List.of(new Claimed<>(event, value))));
        } catch (RuntimeException e) {
            EventTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> void applyBatchOnce(String consumer, List<Read<T>> read, BatchEffect<T> effect) {
        transactions.inNew(() -> {
            Set<String> ids = new LinkedHashSet<>();
            read.forEach(r -> ids.add(r.event().id()));
            Set<String> fresh = new HashSet<>(inbox.claimAll(consumer, ids));
            List<Claimed<T>> claimed = new ArrayList<>(fresh.size());
            for (Read<T> r : read) {
                if (fresh.remove(r.event().id())) { // the first of an id given twice; the second is a redelivery
                    claimed.add(new Claimed<>(r.event(), r.value()));
                }
            }
            if (claimed.size() < read.size()) {
                LOG.debugf("%s: %d of %d events in the batch already applied; skipping them", consumer,
                        read.size() - claimed.size(), read.size());
            }
            if (!claimed.isEmpty()) {
                effect.apply(claimed);
            }
        });
    }

    private record Read<T>(int index, ConsumerRecord<String, String> record, IncomingCloudEvent event, T value) {
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("a Kafka batch record without its consumer record"));
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private <T> void applyOnce(String consumer, IncomingCloudEvent event, T value, Effect<T> effect) {
        transactions.inNew(() -> {
            if (!inbox.claim(consumer, event.id())) {
                LOG.debugf("%s: event %s (%s) already applied; skipping the redelivery", consumer, event.id(),
                        event.type());
                return;
            }
            effect.apply(event, value);
        });
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStoppingException("consumer interrupted while waiting out a failure", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + ": "
                        + root.getMessage();
    }
}
