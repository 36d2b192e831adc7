package dev.verity.notification.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.notification.webhooks.WebhookSubscription;
import dev.verity.notification.webhooks.CloudEventPayload;
import dev.verity.notification.webhooks.DeliveryRepository;
import dev.verity.notification.webhooks.SubscriptionRepository;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns one event into one pending delivery per active subscription that asked for its type, in the consumer's
 * transaction (with the inbox claim), so a redelivered event adds nothing. It never calls a target: a slow one must
 * not hold up the partition, the inbox or anyone else; the delivery worker does the sending.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final Clock clock;

    WebhookFanOut(SubscriptionRepository subscriptions, DeliveryRepository deliveries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(IncomingCloudEvent event, JsonNode data) {
        List<WebhookSubscription> targets = subscriptions.activeFor(event.type());
        if (targets.isEmpty()) {
            return 0;
        }
        String payload = CloudEventPayload.of(event, data);
        // one card's deliveries wait for each other: the Kafka key (card id on every relayed topic), else the subject
        String orderingKey = event.key() != null ? event.key() : event.subject() != null ? event.subject() : event.id();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (WebhookSubscription subscription : targets) {
            deliveries.insertPending(UUID.randomUUID(), subscription.id, event.id(), event.type(), orderingKey, payload,
                    now);
        }
        return targets.size();
    }
}
