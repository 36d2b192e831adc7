package dev.verity.notification.webhooks;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSecretRotated", description = "The new secret, shown this once")
public record SecretRotated(
        @Schema(description = "The new signing secret (whsec_…)") String secret,
        @Schema(description = "Until when deliveries carry the old secret's signature too; null when they no longer do")
        Instant previousSecretExpiresAt) {
}
