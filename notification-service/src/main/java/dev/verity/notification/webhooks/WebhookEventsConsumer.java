package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookFanOut;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the card, comment and verification events to the webhook fan-out. Channels and consumer groups of their own
 * (not the inbox's), so webhooks and in-app notifications never wait for each other, and inbox names of their own,
 * so each event is fanned out once whatever the inbox consumers did with it.
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
    public void cards(ConsumerRecord<String, String> record) {
        consumer.consume(record, CARDS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }

    @Incoming("webhook-comment-events")
    @Blocking
    public void comments(ConsumerRecord<String, String> record) {
        consumer.consume(record, COMMENTS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }

    @Incoming("webhook-verification-events")
    @Blocking
    public void verifications(ConsumerRecord<String, String> record) {
        consumer.consume(record, VERIFICATIONS, WebhookEventReader.RELAYED, fanOut::fanOut);
    }
}
