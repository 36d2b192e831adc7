package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookConfig;
import dev.verity.notification.webhooks.WebhookSubscription;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may manage webhooks: org admins (everyone's subscriptions) and members of
 * {@code verity.webhooks.integrator-groups} (their own). A subscription receives events of every collection, so this
 * is not for every user. Like the admin groups, integrator groups are identity-provider group names, compared exactly.
 */
@RequestScoped
public class WebhookAccess {

    private final CurrentUser user;
    private final JsonWebToken token;
    private final WebhookConfig config;

    WebhookAccess(CurrentUser user, JsonWebToken token, WebhookConfig config) {
        this.user = user;
        this.token = token;
        this.config = config;
    }

    /** The caller's id, once it is known they may manage webhooks at all; a 403 problem otherwise. */
    public String requireManager() {
        String id = user.id();
        if (!user.isAdmin() && !isIntegrator()) {
            throw ProblemException.forbidden("managing webhooks takes an org admin or a member of an integrator group");
        }
        return id;
    }

    /** Whether the caller sees every subscription rather than only their own. */
    public boolean seesAll() {
        return user.isAdmin();
    }

    /** Someone else's subscription is "not found" to an integrator: its existence is not their business. */
    public WebhookSubscription visible(WebhookSubscription subscription, UUID id) {
        if (subscription == null || (!seesAll() && !subscription.ownerId.equals(user.id()))) {
            throw ProblemException.notFound("webhook subscription", id);
        }
        return subscription;
    }

    private boolean isIntegrator() {
        Set<String> groups = token.getGroups();
        Set<String> integrators = config.integratorGroups().orElse(Set.of());
        return groups != null && groups.stream().anyMatch(integrators::contains);
    }
}
