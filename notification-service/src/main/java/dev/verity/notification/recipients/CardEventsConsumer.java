package dev.verity.notification.recipients;

import dev.verity.events.read.CardEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the card events on {@code verity.cards} into this service. */
@ApplicationScoped
public class CardEventsConsumer {

    private final EventConsumer consumer;
    private final NotificationService notifications;

    CardEventsConsumer(EventConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    /**
     * A batch at a time (whatever one poll brought, up to {@code max.poll.records}), one batch after the other, so one
     * card's events stay in order. An import's burst is applied hundreds of events to a transaction
     * ({@link NotificationService#applyCards}); in quiet times a batch is a single event, which waits for nothing. The
     * platform's {@code EventConsumer} waits out outages, and when a batch fails otherwise applies its events one at a
     * time, so only an event at fault is dead-lettered.
     */
    @Incoming("card-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, NotificationService.CONSUMER, CardEventReader.SNAPSHOTS,
                notifications::applyCards);
    }
}
