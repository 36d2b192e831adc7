package dev.verity.notification.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Chat messages to Slack-compatible incoming webhooks: where they may go, how they are posted and retried. */
@ConfigMapping(prefix = "verity.notification.chat")
public interface ChatConfig {


    /** Plain {@code http://} webhook URLs; off in production (messages carry card titles), on in tests. */
    @WithDefault("false")
    boolean allowHttp();

    /** URLs resolving to loopback: the local stack and tests only. */
    @WithDefault("false")
    boolean allowLoopback();

    /** URLs resolving to private networks (a chat server inside the company network). Link-local never. */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** How often the sender posts what is due (a Quarkus duration); read by its {@code @Scheduled}. */
    @WithDefault("2s")
    String sendEvery();

    /** Messages one pass claims. */
    @WithDefault("20")
    int batchSize();

    /** After this many failed attempts a message is parked (status PARKED, last_error says why). */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each, up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The whole request; a claimed message is leased for connect + request timeout and a margin. */
    @WithDefault("PT10S")
    Duration requestTimeout();
}
