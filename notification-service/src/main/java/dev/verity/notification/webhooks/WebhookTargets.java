package dev.verity.notification.webhooks;

import dev.verity.notification.outbound.TargetGuard;
import dev.verity.notification.outbound.TargetRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.InetAddress;

/** The address guard (SSRF) of webhook targets, with {@code verity.webhooks.targets.*}'s allowances. */
@ApplicationScoped
public class WebhookTargets {

    @Produces
    @ApplicationScoped
    TargetGuard guard(WebhookConfig config) {
        WebhookConfig.Targets targets = config.targets();
        return new TargetGuard(TargetRules.of(targets.allowHttp(), targets.allowLoopback(),
                targets.allowPrivateNetworks()), InetAddress::getAllByName);
    }
}
