package dev.verity.verification.messaging;

import dev.verity.platform.cards.CardEventReader;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.verification.service.VerificationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the card events on {@code verity.cards} into this service. */
@ApplicationScoped
public class CardEventsConsumer {

    private final EventConsumer consumer;
    private final CardEventReader reader;
    private final VerificationService verifications;

    CardEventsConsumer(EventConsumer consumer, CardEventReader reader, VerificationService verifications) {
        this.consumer = consumer;
        this.reader = reader;
        this.verifications = verifications;
    }

    /**
     * Ordered and one record at a time, so one card's events are applied in partition order. A transient failure
     * (database hiccup) is retried, each attempt in a new transaction because {@code apply} is on another bean; a
     * malformed event is not retried and, like an event that keeps failing, goes to the dead-letter topic.
     */
    @Incoming("card-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, VerificationService.CONSUMER, reader::snapshotOf,
                (event, data) -> verifications.apply(event.id(), data, event.type()));
    }
}
