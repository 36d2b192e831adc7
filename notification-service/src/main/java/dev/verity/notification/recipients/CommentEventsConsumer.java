package dev.verity.notification.recipients;

import dev.verity.events.CommentEventTypes;
import dev.verity.events.read.CommentEventReader;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the comment events on {@code verity.comments} into this service: mentions become notifications. */
@ApplicationScoped
public class CommentEventsConsumer {

    private final EventConsumer consumer;
    private final NotificationService notifications;

    CommentEventsConsumer(EventConsumer consumer, NotificationService notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    /**
     * One record at a time, in partition order (one card's or principal's events stay in order). The platform's
     * {@code EventConsumer} waits out outages and dead-letters only what can never succeed.
     */
    @Incoming("comment-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, NotificationService.COMMENTS_CONSUMER, CommentEventReader.MENTIONS,
                (event, comment) -> notifications.applyComment(event.id(), comment,
                        CommentEventTypes.EDITED.equals(event.type())));
    }
}
