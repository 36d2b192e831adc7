package dev.verity.notification.delivery;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How one channel's {@link DeliveryQueue} runs: the same keys under each channel's prefix
 * ({@code verity.notification.email.*}, {@code verity.notification.chat.*}), each channel's {@code @ConfigMapping}
 * extending this one type.
 */
public interface DeliveryConfig {

    /** How often the sender sends what is due (a Quarkus duration: 5s, 1m); read by the channel's {@code @Scheduled}. */
    @WithDefault("5s")
    String sendEvery();

    /** How many rows one pass claims. */
    @WithDefault("20")
    int batchSize();

    /** After this many failed attempts a row is parked (status PARKED, last_error says why). */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each, up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();
}
