package dev.verity.notification.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSubscriptionCreated", description = "The new subscription and its secret, shown this once")
public record SubscriptionCreated(
        SubscriptionResponse subscription,
        @Schema(description = "The signing secret (whsec_…): store it now, it is never shown again") String secret) {
}
