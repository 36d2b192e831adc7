package dev.verity.notification.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps webhooks and chat messages from becoming a way into our own network (server-side request forgery): a target must be an
 * absolute https URL (http when configured) whose host resolves only to addresses on the public internet: none of
 * this host's own interface addresses, none in an IANA special-purpose range (IPv4 or IPv6, the IPv6 forms that carry
 * an IPv4 address included; loopback and private networks only when configured). Checked
 * when a subscription is written and again before every attempt, because what a name resolves to can change; the
 * attempt then connects to the address checked here, never to a second resolution of the name. Each channel builds
 * its own with its own {@link TargetRules} (webhooks' {@code WebhookTargets}, chat's {@code ChatTargets}).
 */
public class TargetGuard {

    /** A target the guard refuses, with the reason a client can act on. */
    public static class RefusedTarget extends Exception {
        public RefusedTarget(String reason) {
            super(reason);
        }
    }

    /** A target that passed: its URL and the address to connect to. */
    public record CheckedTarget(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    /** Resolves a host name to its addresses; the JDK resolver in production, replaceable in unit tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final TargetRules config;
    private final Resolver resolver;
    private final Supplier<Set<InetAddress>> localAddresses;

    public TargetGuard(TargetRules config, Resolver resolver) {
        this(config, resolver, interfaceAddresses());
    }

    /** @param localAddresses this host's own addresses (its interfaces' in production), never a target */
    public TargetGuard(TargetRules config, Resolver resolver, Supplier<Set<InetAddress>> localAddresses) {
        this.config = config;
        this.resolver = resolver;
        this.localAddresses = localAddresses;
    }

    /** The URL's shape only (no DNS): absolute, https (or http when allowed), a host, no credentials or fragment. */
    public URI parse(String url) throws RefusedTarget {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("must not be blank");
        }
        if (url.length() > 2000) {
            throw new RefusedTarget("must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedTarget("must be an absolute https URL");
        }
        if (scheme.equals("http") && !config.allowHttp()) {
            throw new RefusedTarget("must use https (payloads carry card content)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not carry credentials; authenticate the request by its signature");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("must not have a fragment");
        }
        return uri;
    }

    /** Parses, resolves and checks every address the host resolves to; any forbidden one refuses the target. */
    public CheckedTarget check(String url) throws RefusedTarget {
        URI uri = parse(url);
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw new RefusedTarget("host " + host + " resolves to " + address.getHostAddress() + ", " + why
                        + "; webhooks go to public addresses only");
            }
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return new CheckedTarget(uri, bare, port, https, addresses[0]);
    }

    /** Why {@code address} may not be called, or null when it may. */
    String forbidden(InetAddress address) {
        InetAddress checked = address;
        SpecialRange range = SpecialRange.find(address);
        if (range != null && range.kind() == Kind.EMBEDS_IPV4) {
            checked = embeddedIpv4(address); // judged by the IPv4 address it stands for
            range = SpecialRange.find(checked);
        }
        if (range != null) {
            String why = switch (range.kind()) {
                case LOOPBACK -> config.allowLoopback() ? null : range.reason();
                case PRIVATE -> config.allowPrivateNetworks() ? null : range.reason();
                case EMBEDS_IPV4, REFUSED -> range.reason();
            };
            if (why != null || range.kind() == Kind.LOOPBACK) {
                return why;
            }
        } else if (checked instanceof Inet6Address && (checked.getAddress()[0] & 0xe0) != 0x20) {
            return "an address outside the global unicast space (2000::/3)";
        }
        Set<InetAddress> local = localAddresses.get();
        if (local.contains(checked) || local.contains(address)) {
            return "an address of this host";
        }
        return null;
    }

    /** How a special-purpose range is treated: by configuration, by the IPv4 address inside it, or refused. */
    enum Kind { LOOPBACK, PRIVATE, EMBEDS_IPV4, REFUSED }

    /**
     * The IANA special-purpose address registries (IPv4 and IPv6), and the IPv6 forms that carry an IPv4 address. An
     * IPv4-mapped or well-known NAT64 address is judged by the IPv4 address inside (an IPv6-only host reaches public
     * targets through NAT64); every other embedding form (6to4, Teredo, IPv4-compatible, IPv4-translated, local-use
     * NAT64) is refused outright, as it may tunnel to any IPv4 address, ours included.
     */
    record SpecialRange(byte[] prefix, int bits, Kind kind, String reason) {

        static final List<SpecialRange> ALL = List.of(
                // IPv4
                of("0.0.0.0/8", Kind.REFUSED, "an unspecified address (\"this network\")"),
                of("10.0.0.0/8", Kind.PRIVATE, "a private address"),
                of("100.64.0.0/10", Kind.PRIVATE, "a private address"),
                of("127.0.0.0/8", Kind.LOOPBACK, "a loopback address"),
                of("169.254.0.0/16", Kind.REFUSED, "a link-local address (this includes the cloud metadata service)"),
                of("172.16.0.0/12", Kind.PRIVATE, "a private address"),
                of("192.0.0.0/24", Kind.REFUSED, "a special-purpose address (IETF protocol assignments)"),
                of("192.0.2.0/24", Kind.REFUSED, "a documentation address"),
                of("192.31.196.0/24", Kind.REFUSED, "a special-purpose address (AS112)"),
                of("192.52.193.0/24", Kind.REFUSED, "a special-purpose address (AMT)"),
                of("192.88.99.0/24", Kind.REFUSED, "a special-purpose address (6to4 relay anycast)"),
                of("192.168.0.0/16", Kind.PRIVATE, "a private address"),
                of("192.175.48.0/24", Kind.REFUSED, "a special-purpose address (AS112)"),
                of("198.18.0.0/15", Kind.REFUSED, "a special-purpose address (benchmarking)"),
                of("198.51.100.0/24", Kind.REFUSED, "a documentation address"),
                of("203.0.113.0/24", Kind.REFUSED, "a documentation address"),
                of("224.0.0.0/4", Kind.REFUSED, "a multicast address"),
                of("240.0.0.0/4", Kind.REFUSED, "a reserved address"),
                // IPv6 (what lies outside 2000::/3 is refused as a whole)
                of("::/128", Kind.REFUSED, "an unspecified address"),
                of("::1/128", Kind.LOOPBACK, "a loopback address"),
                of("::ffff:0:0/96", Kind.EMBEDS_IPV4, "an IPv4-mapped address"),
                of("::ffff:0:0:0/96", Kind.REFUSED, "an IPv4-translated address"),
                of("::/96", Kind.REFUSED, "an IPv4-compatible address"),
                of("64:ff9b::/96", Kind.EMBEDS_IPV4, "a NAT64 address"),
                of("64:ff9b:1::/48", Kind.REFUSED, "a local-use NAT64 address"),
                of("100::/64", Kind.REFUSED, "a discard-only address"),
                of("100:0:0:1::/64", Kind.REFUSED, "a special-purpose address (dummy prefix)"),
                of("2001::/32", Kind.REFUSED, "a Teredo address"),
                of("2001::/23", Kind.REFUSED, "a special-purpose address (IETF protocol assignments)"),
                of("2001:db8::/32", Kind.REFUSED, "a documentation address"),
                of("2002::/16", Kind.REFUSED, "a 6to4 address"),
                of("2620:4f:8000::/48", Kind.REFUSED, "a special-purpose address (AS112)"),
                of("3fff::/20", Kind.REFUSED, "a documentation address"),
                of("5f00::/16", Kind.REFUSED, "a special-purpose address (segment routing)"),
                of("fc00::/7", Kind.PRIVATE, "a private address"),
                of("fe80::/10", Kind.REFUSED, "a link-local address (this includes the cloud metadata service)"),
                of("fec0::/10", Kind.PRIVATE, "a private address"),
                of("ff00::/8", Kind.REFUSED, "a multicast address"));

        static SpecialRange of(String cidr, Kind kind, String reason) {
            int slash = cidr.indexOf('/');
            try {
                // a literal: parsed, never looked up
                byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                if (cidr.startsWith("::ffff:0:0/")) {
                    prefix = new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0 };
                }
                return new SpecialRange(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind, reason);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        /** The most specific range holding {@code address}, or null. */
        static SpecialRange find(InetAddress address) {
            byte[] b = address.getAddress();
            SpecialRange best = null;
            for (SpecialRange range : ALL) {
                if (range.prefix.length == b.length && range.contains(b) && (best == null || range.bits > best.bits)) {
                    best = range;
                }
            }
            return best;
        }

        boolean contains(byte[] b) {
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((b[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The IPv4 address in the last four bytes of an IPv4-mapped or NAT64 IPv6 address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        try {
            return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** This host's own addresses, on every interface; read again at most once a minute (interfaces come and go). */
    static Supplier<Set<InetAddress>> interfaceAddresses() {
        return new Supplier<>() {
            private volatile Set<InetAddress> known = Set.of();
            private volatile long readAt = Long.MIN_VALUE;

            @Override
            public Set<InetAddress> get() {
                long now = System.nanoTime();
                if (readAt == Long.MIN_VALUE || now - readAt > TimeUnit.MINUTES.toNanos(1)) {
                    Set<InetAddress> addresses = new HashSet<>();
                    try {
                        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                                // without the scope (fe80::1%eth0), so it compares equal to a resolved address
                                addresses.add(InetAddress.getByAddress(a.getAddress()));
                            }
                        }
                    } catch (SocketException | UnknownHostException e) {
                        throw new IllegalStateException("cannot list this host's addresses", e);
                    }
                    known = Set.copyOf(addresses);
                    readAt = now;
                }
                return known;
            }
        };
    }
}
