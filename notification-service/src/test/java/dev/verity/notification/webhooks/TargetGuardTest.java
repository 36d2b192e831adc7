package dev.verity.notification.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verity.notification.webhooks.config.WebhookConfig;
import dev.verity.notification.webhooks.service.TargetGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The address guard against a resolver of our own, so names can be made to point anywhere. */
class TargetGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "sneaky.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "office.example.com", "10.0.0.1",
            "v6private.example.com", "fd00::1",
            "mapped.example.com", "::ffff:10.1.2.3");

    private static TargetGuard guard(boolean http, boolean loopback, boolean privateNetworks) {
        WebhookConfig.Targets targets = new WebhookConfig.Targets() {
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
        });
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
