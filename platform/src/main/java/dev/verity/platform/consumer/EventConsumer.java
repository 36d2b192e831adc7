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
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
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
 * Services declare only what a value does ({@link Effect}).
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    /** What the service does with one value; runs inside the transaction that holds the inbox claim. */
    @FunctionalInterface
    public interface Effect<T> {
        void apply(IncomingCloudEvent event, T value);
    }

    private final TrustedEvents events;
    private final Inbox inbox;
    private final Backoff backoff;
    private final int unknownFailureAttempts;
    private final ConsumerStalls stalls;
    private final EventTracing tracing;

    EventConsumer(TrustedEvents events, Inbox inbox, ConsumerConfig config, ConsumerStalls stalls,
            EventTracing tracing) {
        this.tracing = tracing;
        this.events = events;
        this.inbox = inbox;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.unknownFailureAttempts = config.unknownFailureAttempts();
        this.stalls = stalls;
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
        int failures = 0;
        int unknown = 0;
        while (true) {
            try {
                applyOnce(consumer, event, value.get(), effect);
                if (failures > 0) {
                    LOG.infof("%s: event %s (%s) applied after %d failed attempts; partition %s-%d resumes",
                            consumer, event.id(), event.type(), failures, record.topic(), record.partition());
                }
                stalls.cleared(consumer);
                return;
            } catch (RuntimeException e) {
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

    private <T> void applyOnce(String consumer, IncomingCloudEvent event, T value, Effect<T> effect) {
        QuarkusTransaction.requiringNew().run(() -> {
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
            throw new IllegalStateException("consumer interrupted while waiting out a failure", e);
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
