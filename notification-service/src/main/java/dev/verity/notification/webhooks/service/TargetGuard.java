package dev.verity.notification.webhooks.service;

import dev.verity.notification.webhooks.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from becoming a way into our own network (server-side request forgery): a target must be an
 * absolute https URL (http when configured) whose host resolves only to addresses on the public internet. Checked
 * when a subscription is written and again before every attempt, because what a name resolves to can change; the
 * attempt then connects to the address checked here, never to a second resolution of the name.
 */
@ApplicationScoped
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

    private final WebhookConfig.Targets config;
    private final Resolver resolver;

    @Inject
    TargetGuard(WebhookConfig config) {
        this(config.targets(), InetAddress::getAllByName);
    }

    public TargetGuard(WebhookConfig.Targets config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
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
        InetAddress checked = embeddedIpv4(address);
        if (checked.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (checked.isLinkLocalAddress()) {
            return "a link-local address (this includes the cloud metadata service)";
        }
        if (checked.isMulticastAddress()) {
            return "a multicast address";
        }
        if (checked.isLoopbackAddress()) {
            return config.allowLoopback() ? null : "a loopback address";
        }
        if (isPrivate(checked)) {
            return config.allowPrivateNetworks() ? null : "a private address";
        }
        if (checked instanceof Inet4Address) {
            byte[] b = checked.getAddress();
            int first = b[0] & 0xff;
            if (first == 0 || first >= 240) {
                return "a reserved address";
            }
        }
        return null;
    }

    private static boolean isPrivate(InetAddress address) {
        if (address.isSiteLocalAddress()) { // 10/8, 172.16/12, 192.168/16, fec0::/10
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64/10, carrier-grade NAT
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }

    /**
     * The IPv4 address inside an IPv4-compatible, IPv4-mapped or NAT64 (64:ff9b::/96) IPv6 address, so that
     * {@code [::ffff:10.0.0.1]} is judged as 10.0.0.1; any other address as is.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeros80 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).stream().allMatch(i -> b[i] == 0);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !address.isLoopbackAddress()
                && !address.isAnyLocalAddress();
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && List.of(4, 5, 6, 7, 8, 9, 10, 11).stream().allMatch(i -> b[i] == 0);
        if (!mapped && !compatible && !nat64) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
