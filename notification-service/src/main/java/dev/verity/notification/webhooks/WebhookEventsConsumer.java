package dev.verity.notification.webhooks;

import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the card, comment and verification events to the webhook fan-out, a polled batch at a time (one batch after
 * the other, so one card's events stay in order; a quiet topic gives batches of one). Channels and consumer groups of
 * their own (not the inbox's), so webhooks and in-app notifications never wait for each other, and inbox names of
 * their own, so each event is fanned out once whatever the inbox consumers did with it. The platform's
 * {@code EventConsumer} waits out outages, and when a batch fails otherwise applies its events one at a time, so
 * only an event at fault is dead-lettered.
 */
@ApplicationScoped
public class WebhookEventsConsumer {

    public static final String CARDS = "notification-service/webhooks/cards";
    public static final String COMMENTS = "notification-service/webhooks/comments";
    public static final String VERIFICATIONS = "notification-service/webhooks/verifications";

    private final EventConsumer consumer;
    private final WebhookFanOut fanOut;

    WebhookEventsConsumer(EventConsumer consumer, WebhookFanOut fanOut) {
        this.consumer = consumer;
        this.fanOut = fanOut;
    }

    @Incoming("webhook-card-events")
    @Blocking
    public CompletionStage<Void> cards(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, CARDS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }

    @Incoming("webhook-comment-events")
    @Blocking
    public CompletionStage<Void> comments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, COMMENTS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }

    @Incoming("webhook-verification-events")
    @Blocking
    public CompletionStage<Void> verifications(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, VERIFICATIONS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }
}
