package dev.verity.notification.webhooks.service;

import dev.verity.notification.webhooks.domain.WebhookSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Tells a subscription's owner it was switched off. For now the reason is recorded on the subscription
 * ({@code disabledAt}, {@code disabledReason}, shown by the API) and logged; the inbox is being reworked in parallel,
 * and once it settles this one call is where an inbox notification (or an email) to {@code ownerId} goes.
 */
@ApplicationScoped
public class OwnerNotice {

    private static final Logger LOG = Logger.getLogger(OwnerNotice.class);

    /** Runs in the transaction that disables the subscription. */
    public void subscriptionDisabled(WebhookSubscription subscription) {
        LOG.warnf("webhook subscription %s of %s to %s disabled: %s", subscription.id, subscription.ownerId,
                subscription.targetUrl, subscription.disabledReason);
    }
}
