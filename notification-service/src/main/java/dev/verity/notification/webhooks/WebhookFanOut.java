package dev.verity.notification.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.consumer.EventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the events of a polled batch into one pending delivery per active subscription that asked for each one's
 * type, in the consumer's transaction (with the inbox claims), so a redelivered event adds nothing. The subscriptions
 * of each type are read once per batch and every delivery of the batch goes in with one multi-row insert, in event
 * order (so one card's deliveries are numbered in its order). It never calls a target: a slow one must not hold up
 * the partition, the inbox or anyone else; {@link WebhookSender} does the sending.
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

    /** Returns how many deliveries the batch asked for (those of redelivered events are skipped by the insert). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(List<EventConsumer.Claimed<JsonNode>> batch) {
        Map<String, List<WebhookSubscription>> byType = new HashMap<>();
        List<DeliveryRepository.NewDelivery> pending = new ArrayList<>();
        for (EventConsumer.Claimed<JsonNode> claimed : batch) {
            IncomingCloudEvent event = claimed.event();
            List<WebhookSubscription> targets = byType.computeIfAbsent(event.type(), subscriptions::activeFor);
            if (targets.isEmpty()) {
                continue;
            }
            String payload = CloudEventPayload.of(event, claimed.value());
            // one card's deliveries wait for each other: the Kafka key (card id on every relayed topic), else the subject
            String orderingKey = event.key() != null ? event.key()
                    : event.subject() != null ? event.subject() : event.id();
            for (WebhookSubscription subscription : targets) {
                pending.add(new DeliveryRepository.NewDelivery(subscription.id, event.id(), event.type(), orderingKey,
                        payload));
            }
        }
        deliveries.insertPending(pending, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return pending.size();
    }
}
