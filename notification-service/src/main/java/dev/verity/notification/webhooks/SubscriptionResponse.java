package dev.verity.notification.webhooks;

import dev.verity.events.EventTypes;
import dev.verity.notification.webhooks.WebhookSubscription;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSubscription", description = "A webhook subscription; its secret is never shown again after creation or rotation")
public record SubscriptionResponse(
        UUID id,
        @Schema(description = "Who created it; told when it is disabled") String ownerId,
        String url,
        List<String> eventTypes,
        boolean active,
        String description,
        @Schema(description = "Until when the previous secret still signs deliveries after a rotation; null when only one secret signs")
        Instant previousSecretExpiresAt,
        @Schema(description = "Since when every attempt has failed; null after a success") Instant failingSince,
        @Schema(description = "When it was switched off for failing, or because the target answered 410 Gone") Instant disabledAt,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    public static SubscriptionResponse of(WebhookSubscription s, Instant now) {
        Instant overlapEnds = s.previousSecret != null && s.previousSecretExpiresAt != null
                && now.isBefore(s.previousSecretExpiresAt) ? s.previousSecretExpiresAt : null;
        return new SubscriptionResponse(s.id, s.ownerId, s.targetUrl, s.eventTypes.stream().map(EventTypes::normalise).distinct().sorted().toList(),
                s.active, s.description, overlapEnds, s.failingSince, s.disabledAt, s.disabledReason, s.createdAt,
                s.updatedAt);
    }
}
