package dev.verity.notification.webhooks;

import dev.verity.notification.delivery.DeliveryQueue;
import java.util.List;
import java.util.UUID;

/**
 * What a delivery thread needs to make one attempt, read when the delivery was claimed: the delivery, the claim that
 * holds it ({@code leaseToken}: recorded only while still this claim's) and its subscription's target and secrets.
 */
public record DeliveryJob(UUID id, int attempts, UUID leaseToken, UUID subscriptionId, String url, String eventId,
        String eventType, String payload, List<WebhookSecret> secrets) implements DeliveryQueue.Row {
}
