package dev.verity.notification.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The email sender. The SMTP server itself is Quarkus Mailer's ({@code quarkus.mailer.*}); links are {@code LinkConfig}'s,
 * default modes and the digest hour {@code PreferenceDefaults}'.
 */
@ConfigMapping(prefix = "verity.notification.email")
public interface EmailConfig {

    /** How often the sender sends what is due (a Quarkus duration: 5s, 1m); read by its {@code @Scheduled}. */
    @WithDefault("5s")
    String sendEvery();

    /** How many emails one pass of the sender takes (each pass is one transaction holding their rows). */
    @WithDefault("20")
    int batchSize();

    /** After this many failed attempts an email is parked (status PARKED, last_error says why). */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each, up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();
}
