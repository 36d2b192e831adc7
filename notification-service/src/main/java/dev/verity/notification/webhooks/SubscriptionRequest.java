package dev.verity.notification.webhooks;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSubscriptionRequest", description = "A new webhook subscription")
public record SubscriptionRequest(
        @Schema(description = "Where deliveries are POSTed: an absolute https URL whose host resolves to public addresses only",
                example = "https://helpdesk.example.com/hooks/verity", required = true)
        String url,
        @Schema(description = "The event types to receive (card.*, comment.*, verification.*); at least one",
                example = "[\"dev.verity.card.updated\", \"dev.verity.verification.expired\"]", required = true)
        List<String> eventTypes,
        @Schema(description = "Whether deliveries are made; default true", example = "true")
        Boolean active,
        @Schema(description = "What it is for, at most 500 characters", example = "Zendesk: refresh linked answers")
        String description,
        @Schema(description = "A secret of your own (whsec_ + base64 of 24 to 64 bytes); one is generated when absent")
        String secret) {
}
