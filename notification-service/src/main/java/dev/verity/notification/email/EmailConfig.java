package dev.verity.notification.email;

import dev.verity.notification.delivery.DeliveryConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The email sender ({@link DeliveryConfig}'s keys under {@code verity.notification.email}). The SMTP server itself is
 * Quarkus Mailer's ({@code quarkus.mailer.*}); links are {@code LinkConfig}'s, the default mode and digest hour
 * preferences' ({@code EmailDefaults}).
 */
@ConfigMapping(prefix = "verity.notification.email")
public interface EmailConfig extends DeliveryConfig {
}
