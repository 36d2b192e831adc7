package dev.verity.notification.webhooks;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSubscriptionUpdate",
        description = "The whole subscription as it should be (the secret changes only by rotation)")
public record SubscriptionUpdate(
        @Schema(description = "Where deliveries are POSTed", example = "https://helpdesk.example.com/hooks/verity", required = true)
        String url,
        @Schema(description = "The event types to receive; at least one", example = "[\"dev.verity.card.updated\"]", required = true)
        List<String> eventTypes,
        @Schema(description = "Whether deliveries are made; switching a disabled subscription on clears why it was disabled",
                example = "true", required = true)
        Boolean active,
        @Schema(description = "What it is for, at most 500 characters")
        String description) {
}
