package dev.verity.notification.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookSecretRotation", description = "How to rotate a subscription's secret; every field optional")
public record SecretRotation(
        @Schema(description = "The new secret (whsec_ + base64 of 24 to 64 bytes); generated when absent")
        String secret,
        @Schema(description = "How long the old secret keeps signing too (ISO-8601 duration, up to the configured maximum); default PT24H, PT0S ends it now",
                example = "PT24H")
        String overlap) {
}
