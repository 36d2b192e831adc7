package dev.verity.notification.chat;

import dev.verity.notification.delivery.DeliveryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Chat messages to Slack-compatible incoming webhooks: where they may go and how long a post may take; how they are
 * sent and retried is {@link DeliveryConfig}'s keys under {@code verity.notification.chat}. The default chat mode is
 * preferences' ({@code ChatDefaults}).
 */
@ConfigMapping(prefix = "verity.notification.chat")
public interface ChatConfig extends DeliveryConfig {

    /** Plain {@code http://} webhook URLs; off in production (messages carry card titles), on in tests. */
    @WithDefault("false")
    boolean allowHttp();

    /** URLs resolving to loopback: the local stack and tests only. */
    @WithDefault("false")
    boolean allowLoopback();

    /** URLs resolving to private networks (a chat server inside the company network). Link-local never. */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The whole request; a claimed message is leased for connect + request timeout and a margin. */
    @WithDefault("PT10S")
    Duration requestTimeout();
}
