package dev.verity.notification.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address guard against a resolver of our own, so names can be made to point anywhere. */
class TargetGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "sneaky.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "office.example.com", "10.0.0.1",
            "v6private.example.com", "fd00::1",
            "mapped.example.com", "::ffff:10.1.2.3");

    /** Public addresses this test pretends are the host's own interfaces'. */
    private static final Set<String> OWN = Set.of("198.100.7.7", "2a01:4f8:1:2::7");

    private static TargetGuard guard(boolean http, boolean loopback, boolean privateNetworks) {
        TargetRules targets = new TargetRules() {
            public boolean allowHttp() {
                return http;
            }

            public boolean allowLoopback() {
                return loopback;
            }

            public boolean allowPrivateNetworks() {
                return privateNetworks;
            }
        };
        return new TargetGuard(targets, host -> {
            String address = DNS.getOrDefault(host, host);
            if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] { InetAddress.getByName(address) };
        }, () -> OWN.stream().map(TargetGuardTest::literal).collect(Collectors.toSet()));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** Every address of an IANA special-purpose range, the embedding IPv6 forms and this host's own: all refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // IPv4 special-purpose registry
        "0.1.2.3", "10.1.2.3", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.9.9.9", "169.254.169.254",
        "172.16.0.1", "172.31.255.254", "192.0.0.1", "192.0.0.170", "192.0.2.10", "192.31.196.1", "192.52.193.1",
        "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.19.255.254", "198.51.100.1",
        "203.0.113.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        // IPv6 special-purpose registry
        "::", "::1", "100::1", "100:0:0:1::1", "2001:2::1", "2001:db8::1", "2001:20::1", "3fff::1", "5f00::1",
        "2620:4f:8000::1", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "::2:1",
        // IPv6 forms carrying an IPv4 address: mapped, translated, compatible, NAT64 (well-known and local), 6to4, Teredo
        "::ffff:169.254.169.254", "::ffff:0:a9fe:a9fe", "::ffff:0:5db8:d822", "::a9fe:a9fe", "::5db8:d822",
        "64:ff9b::a9fe:a9fe", "64:ff9b::c612:1", "64:ff9b:1::a9fe:a9fe", "64:ff9b:1::5db8:d822",
        "2002:a9fe:a9fe::1", "2002:5db8:d822::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        // outside global unicast (2000::/3)
        "4000::1", "e000::1",
        // this host's own interfaces, and an IPv4-mapped form of one
        "198.100.7.7", "2a01:4f8:1:2::7", "64:ff9b::c664:707" })
    void everySpecialPurposeAndOwnAddressIsRefused(String address) {
        String url = "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/hook";
        String why = refusal(guard(false, false, false), url);
        assertTrue(why.contains("webhooks go to public addresses only"), why);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "93.184.216.34", "1.1.1.1", "198.20.0.1", "192.0.1.1", "2606:4700::1111",
        "64:ff9b::5db8:d822", "2a00:1450:4001:81c::200e" })
    void publicAddressesPass(String address) throws Exception {
        String url = "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/hook";
        assertEquals(literal(address), guard(false, false, false).check(url).address());
    }

    @Test
    void loopbackAndPrivateAllowancesDoNotOpenTheOtherSpecialRangesNorThisHost() throws Exception {
        TargetGuard lenient = guard(true, true, true);
        lenient.check("https://127.0.0.1/");
        lenient.check("https://[::1]/");
        lenient.check("https://10.1.2.3/");
        lenient.check("https://[fd00::1]/");
        for (String refused : List.of("198.18.0.1", "192.0.0.8", "[::ffff:0:a9fe:a9fe]", "[2002:a9fe:a9fe::1]",
                "[64:ff9b:1::a9fe:a9fe]", "198.100.7.7", "[fe80::1]")) {
            refusal(lenient, "https://" + refused + "/");
        }
    }

    /** The production list of this host's addresses: read from its interfaces, nothing is connected to. */
    @Test
    void theHostsOwnInterfaceAddressesAreRefusedEvenWhenPrivateNetworksAreAllowed() throws Exception {
        TargetRules lenient = new TargetRules() {
            public boolean allowHttp() {
                return false;
            }

            public boolean allowLoopback() {
                return false;
            }

            public boolean allowPrivateNetworks() {
                return true;
            }
        };
        TargetGuard guard = new TargetGuard(lenient, host -> new InetAddress[] { InetAddress.getByName(host) });
        List<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress())
                .toList();
        for (InetAddress address : own) {
            String literal = address.getHostAddress().replaceAll("%.*", "");
            String url = "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":9443/";
            refusal(guard, url);
        }
    }

    private static String refusal(TargetGuard guard, String url) {
        return assertThrows(TargetGuard.RefusedTarget.class, () -> guard.check(url)).getMessage();
    }

    @Test
    void aPublicHttpsTargetPassesAndIsConnectedToAtTheAddressChecked() throws Exception {
        TargetGuard.CheckedTarget target = guard(false, false, false).check("https://hooks.example.com/in?x=1");
        assertEquals("93.184.216.34", target.address().getHostAddress());
        assertEquals(443, target.port());
        assertEquals("hooks.example.com", target.host());
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedUnlessLoopbackIsAllowed() throws Exception {
        assertEquals("host sneaky.example.com resolves to 127.0.0.1, a loopback address; webhooks go to public "
                + "addresses only", refusal(guard(false, false, false), "https://sneaky.example.com/"));
        assertEquals("127.0.0.1", guard(false, true, false).check("https://sneaky.example.com/").address()
                .getHostAddress());
    }

    @Test
    void privateLinkLocalAndMetadataAddressesAreRefused() {
        TargetGuard guard = guard(false, false, false);
        assertEquals("host 10.0.0.1 resolves to 10.0.0.1, a private address; webhooks go to public addresses only",
                refusal(guard, "https://10.0.0.1/hook"));
        assertEquals("host 169.254.169.254 resolves to 169.254.169.254, a link-local address (this includes the "
                + "cloud metadata service); webhooks go to public addresses only",
                refusal(guard, "https://169.254.169.254/latest/meta-data"));
        refusal(guard, "https://metadata.example.com/");
        refusal(guard, "https://office.example.com/");
        refusal(guard, "https://v6private.example.com/");
        refusal(guard, "https://mapped.example.com/");
        refusal(guard, "https://[fe80::1]/");
        refusal(guard, "https://[::1]/");
        refusal(guard, "https://0.0.0.0/");
        refusal(guard, "https://100.64.0.1/");
    }

    @Test
    void linkLocalStaysRefusedEvenWhenPrivateNetworksAndLoopbackAreAllowed() {
        refusal(guard(true, true, true), "https://169.254.169.254/");
    }

    @Test
    void aTargetMustBeAnAbsoluteHttpsUrlWithoutCredentials() {
        TargetGuard guard = guard(false, false, false);
        assertEquals("must use https (payloads carry card content)", refusal(guard, "http://hooks.example.com/"));
        assertEquals("must be an absolute https URL", refusal(guard, "ftp://hooks.example.com/"));
        assertEquals("must be an absolute https URL", refusal(guard, "/relative"));
        assertEquals("must not carry credentials; authenticate the request by its signature",
                refusal(guard, "https://user:pw@hooks.example.com/"));
        assertEquals("host nowhere.invalid does not resolve", refusal(guard, "https://nowhere.invalid/"));
        refusal(guard, "https://exa mple.com/");
    }
}
