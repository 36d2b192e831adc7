package dev.verity.notification.config;

import dev.verity.notification.preferences.Mode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Email notifications and digests. The SMTP server itself is Quarkus Mailer's ({@code quarkus.mailer.*}). */
@ConfigMapping(prefix = "verity.notification.email")
public interface EmailConfig {

    /**
     * The email mode of every notification type a user has not chosen one for. OFF: nobody gets email until they
     * ask for it (a deployment with a working SMTP server may default to IMMEDIATE or DIGEST).
     */
    @WithDefault("OFF")
    Mode defaultMode();

    /** Links in emails point at {@code <base-url>/cards/<card id>}: the address of the frontend that shows cards. */
    @WithDefault("http://localhost:8081")
    String baseUrl();

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

    /** The digest hour of a user who never chose one. */
    @WithDefault("8")
    int defaultDigestHour();
}
