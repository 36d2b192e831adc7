package dev.verity.notification.recipients;

import dev.verity.events.read.VerificationEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the verification events on {@code verity.verifications} into this service: the verifiers hear of expiry, flags and requests. */
@ApplicationScoped
public class VerificationEventsConsumer {

    private final EventConsumer consumer;
    private final NotificationService notifications;

    VerificationEventsConsumer(EventConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    /**
     * A batch at a time (whatever one poll brought, up to {@code max.poll.records}), one batch after the other, so one
     * card's events stay in order. An expiry pass's burst is applied hundreds of events to a transaction
     * ({@link NotificationService#applyVerifications}); in quiet times a batch is a single event, which waits for
     * nothing. The platform's {@code EventConsumer} waits out outages, and when a batch fails otherwise applies its
     * events one at a time, so only an event at fault is dead-lettered.
     */
    @Incoming("verification-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, NotificationService.VERIFICATIONS_CONSUMER, VerificationEventReader.ALL,
                notifications::applyVerifications);
    }
}
