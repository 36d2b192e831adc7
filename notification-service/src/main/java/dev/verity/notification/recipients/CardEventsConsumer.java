package dev.verity.notification.recipients;

import dev.verity.events.read.CardEventReader;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
     * One record at a time, in partition order (one card's or principal's events stay in order). The platform's
     * {@code EventConsumer} waits out outages and dead-letters only what can never succeed.
     */
    @Incoming("card-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, NotificationService.CONSUMER, CardEventReader.SNAPSHOTS,
                (event, data) -> notifications.apply(event.id(), data, event.type()));
    }
}
