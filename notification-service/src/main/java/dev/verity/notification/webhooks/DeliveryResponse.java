package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.DeliveryStatus;
import dev.verity.notification.webhooks.WebhookDelivery;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDelivery", description = "One event on its way to a subscription, with its latest attempt")
public record DeliveryResponse(
        UUID id,
        @Schema(description = "The CloudEvent id, sent as webhook-id") String eventId,
        String eventType,
        @Schema(description = "The card it is about (the event's Kafka key): one card's deliveries arrive in order") String cardId,
        DeliveryStatus status,
        @Schema(description = "Attempts made so far (since the last redeliver)") int attempt,
        @Schema(description = "When the next attempt is due; null once delivered or dead") Instant nextAttemptAt,
        Instant lastAttemptAt,
        @Schema(description = "The HTTP status the latest attempt got; null when none came (timeout, refused)") Integer statusCode,
        @Schema(description = "How long the latest attempt took, in milliseconds") Long latencyMs,
        @Schema(description = "Why the latest attempt failed") String error,
        Instant createdAt,
        Instant deliveredAt) {

    public static DeliveryResponse of(WebhookDelivery d) {
        return new DeliveryResponse(d.id, d.eventId, d.eventType, d.orderingKey, d.status, d.attempts, d.nextAttemptAt,
                d.lastAttemptAt, d.lastStatusCode, d.lastLatencyMs, d.lastError, d.createdAt, d.deliveredAt);
    }
}
