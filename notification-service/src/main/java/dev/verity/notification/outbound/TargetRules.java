package dev.verity.notification.outbound;

/**
 * What a channel's {@link TargetGuard} lets through beyond public https addresses. Link-local addresses (169.254/16
 * with the cloud metadata service, fe80::/10), this host's own addresses and unspecified or multicast ones are
 * refused whatever these say.
 */
public interface TargetRules {

    /** Plain {@code http://} targets; off in production (payloads carry card content), on in tests. */
    boolean allowHttp();

    /** Targets resolving to loopback (127.0.0.0/8, ::1): the local stack and tests only. */
    boolean allowLoopback();

    /** Targets resolving to private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). */
    boolean allowPrivateNetworks();

    /** Rules as a channel's configuration gives them. */
    static TargetRules of(boolean allowHttp, boolean allowLoopback, boolean allowPrivateNetworks) {
        record Given(boolean allowHttp, boolean allowLoopback, boolean allowPrivateNetworks) implements TargetRules {
        }
        return new Given(allowHttp, allowLoopback, allowPrivateNetworks);
    }
}
