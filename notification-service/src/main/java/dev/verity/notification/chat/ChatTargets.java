package dev.verity.notification.chat;

import dev.verity.notification.outbound.TargetGuard;
import dev.verity.notification.outbound.TargetRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;

/**
 * The address guard (SSRF) shared with webhooks, with chat's own allowances: a chat webhook URL is checked when a user
 * sets it and again before every post, and never reaches loopback, private or link-local addresses unless configured.
 */
@ApplicationScoped
public class ChatTargets {

    private final TargetGuard guard;

    ChatTargets(ChatConfig config) {
        this.guard = new TargetGuard(TargetRules.of(config.allowHttp(), config.allowLoopback(),
                config.allowPrivateNetworks()), InetAddress::getAllByName);
    }

    public TargetGuard guard() {
        return guard;
    }
}
