package dev.verity.notification.recipients;

import dev.verity.events.read.CommentEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
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
     * A batch at a time, one after the other (one card's comments stay in order), as the card events: a batch in one
     * transaction ({@link NotificationService#applyComments}), a failing one applied one event at a time.
     */
    @Incoming("comment-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, NotificationService.COMMENTS_CONSUMER, CommentEventReader.MENTIONS,
                notifications::applyComments);
    }
}
