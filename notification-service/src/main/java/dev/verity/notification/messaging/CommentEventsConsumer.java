package dev.verity.notification.messaging;

import dev.verity.events.CommentEventTypes;
import dev.verity.notification.service.NotificationService;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the comment events on {@code verity.comments} into this service: mentions become notifications. */
@ApplicationScoped
public class CommentEventsConsumer {

    private final EventConsumer consumer;
    private final CommentEventReader reader;
    private final NotificationService notifications;

    CommentEventsConsumer(EventConsumer consumer, CommentEventReader reader, NotificationService notifications) {
        this.consumer = consumer;
        this.reader = reader;
        this.notifications = notifications;
    }

    /**
     * Ordered and one record at a time, so one card's comments are applied in partition order. Transient failures
     * are retried, each attempt in a new transaction; malformed events go to the dead-letter topic.
     */
    @Incoming("comment-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, NotificationService.COMMENTS_CONSUMER, reader::mentionsOf,
                (event, comment) -> notifications.applyMentions(event.id(), comment,
                        CommentEventTypes.EDITED.equals(event.type())));
    }
}
