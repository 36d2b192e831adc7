package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookSecret;
import java.util.List;
import java.util.UUID;

/** What a worker thread needs to make one attempt, read when the delivery was claimed. */
public record DeliveryJob(UUID deliveryId, UUID leaseToken, UUID subscriptionId, String url, String eventId,
        String payload, List<WebhookSecret> secrets) {
}
