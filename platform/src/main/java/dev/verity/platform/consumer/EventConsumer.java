package dev.verity.platform.consumer;

import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.cloudevents.TrustedEvents;
import dev.verity.platform.inbox.Inbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one consumer path every service shares: read the CloudEvent (trusted sources only), turn its data into the
 * typed value the service wants, then, in one new transaction, claim the event id in the inbox and apply the value.
 * A redelivered event is skipped; an effect that fails rolls its claim back, so the retry applies it again.
 * Services declare only what a value does ({@link Effect}); their {@code @Incoming} methods keep the retry policy.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    /** Reads the value an event carries, or empty when the event is of a type this consumer ignores. */
    @FunctionalInterface
    public interface Reader<T> {
        /** @throws MalformedEventException when the data can never be applied (it is dead-lettered, not retried) */
        Optional<T> read(IncomingCloudEvent event);
    }

    /** What the service does with one value; runs inside the transaction that holds the inbox claim. */
    @FunctionalInterface
    public interface Effect<T> {
        void apply(IncomingCloudEvent event, T value);
    }

    private final TrustedEvents events;
    private final Inbox inbox;

    EventConsumer(TrustedEvents events, Inbox inbox) {
        this.events = events;
        this.inbox = inbox;
    }

    /**
     * @param consumer the inbox name of this consumer: one per service and topic, never reused
     */
    public <T> void consume(ConsumerRecord<String, String> record, String consumer, Reader<T> reader,
            Effect<T> effect) {
        IncomingCloudEvent event = events.read(record);
        Optional<T> value = reader.read(event);
        if (value.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!inbox.claim(consumer, event.id())) {
                LOG.debugf("%s: event %s (%s) already applied; skipping the redelivery", consumer, event.id(),
                        event.type());
                return;
            }
            effect.apply(event, value.get());
        });
    }
}
