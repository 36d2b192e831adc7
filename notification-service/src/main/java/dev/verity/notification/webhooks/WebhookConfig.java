package dev.verity.notification.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Signed webhooks for integrations: who may subscribe, where to, how deliveries are tried and given up. */
@ConfigMapping(prefix = "verity.webhooks")
public interface WebhookConfig {

    /**
     * Identity-provider groups (the token's {@code groups}) whose members may manage their own subscriptions, besides
     * org admins, who manage everyone's. A subscription receives the events of every collection, so this is a
     * privileged role. Default: none (only admins).
     */
    Optional<Set<String>> integratorGroups();

    /** Targets and the address guard. */
    Targets targets();

    /** Secrets (Standard Webhooks {@code whsec_}). */
    Secrets secrets();

    /** The delivery worker. */
    Delivery delivery();

    interface Targets {

        /** Plain {@code http://} targets; off in production (payloads are card content), on in tests. */
        @WithDefault("false")
        boolean allowHttp();

        /** Targets resolving to loopback (127.0.0.0/8, ::1): the local stack and tests only. */
        @WithDefault("false")
        boolean allowLoopback();

        /**
         * Targets resolving to private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Link-local
         * addresses (169.254/16 with the cloud metadata service, fe80::/10) and unspecified or multicast ones are
         * refused whatever this says.
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();
    }

    interface Secrets {

        /** Random bytes in a generated secret (Standard Webhooks: 24 to 64). */
        @WithDefault("32")
        int generatedBytes();

        /** How long the previous secret still signs after a rotation, unless the rotation says otherwise. */
        @WithDefault("PT24H")
        Duration defaultOverlap();

        /** The longest overlap a rotation may ask for. */
        @WithDefault("P7D")
        Duration maxOverlap();
    }

    interface Delivery {

        /** How often the worker looks for due deliveries. */
        @WithDefault("1s")
        String pollInterval();

        /** Threads sending requests: the most deliveries in flight on one instance. */
        @WithDefault("16")
        int threads();

        /**
         * The most deliveries in flight to one subscription, over all instances: a slow or hanging target holds at
         * most this many threads, the others stay free for every other subscription.
         */
        @WithDefault("4")
        int perTargetConcurrency();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** The whole request, from connecting to the end of the answer (Standard Webhooks suggests 15 to 30 s). */
        @WithDefault("PT15S")
        Duration requestTimeout();

        /**
         * The pause after each failed attempt: the first is retried after the first entry, and so on; a delivery
         * that fails once more after the last is dead. The default spans about 18 hours (Standard Webhooks'
         * schedule, up to 10 h).
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H")
        List<Duration> retrySchedule();

        /** Each pause is varied at random by up to this fraction either way, so retries do not arrive in waves. */
        @WithDefault("0.2")
        double retryJitter();

        /** A subscription whose every attempt has failed for this long is disabled and its owner told. */
        @WithDefault("P3D")
        Duration disableAfter();

        /** Delivered and dead deliveries are kept in the log this long, then deleted. */
        @WithDefault("P30D")
        Duration logRetention();
    }
}
