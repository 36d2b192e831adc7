package dev.verity.notification.webhooks;

import dev.verity.notification.inbox.Notification;
import dev.verity.notification.recipients.NotificationDispatch;
import dev.verity.notification.webhooks.WebhookSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells a subscription's owner it was switched off: a {@code WEBHOOK_DISABLED} notification with the target and the
 * reason, delivered like any other (inbox, and email or chat as the owner prefers), in the transaction that disables
 * the subscription. Its event id is the subscription and the moment it was disabled, so one disabling tells the
 * owner exactly once even if the caller's transaction is retried (the unique (event, recipient) index); a later
 * disabling, after someone switched it on again, is news again.
 */
@ApplicationScoped
public class OwnerNotice {

    private static final Logger LOG = Logger.getLogger(OwnerNotice.class);

    private final NotificationDispatch dispatch;

    OwnerNotice(NotificationDispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** Runs in the transaction that disables the subscription. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void subscriptionDisabled(WebhookSubscription subscription) {
        LOG.warnf("webhook subscription %s of %s to %s disabled: %s", subscription.id, subscription.ownerId,
                subscription.targetUrl, subscription.disabledReason);
        String eventId = "webhook-disabled:" + subscription.id + ":" + subscription.disabledAt.toEpochMilli();
        dispatch.deliver(eventId, Map.of(subscription.ownerId, Notification.webhookDisabled(subscription.ownerId,
                subscription.targetUrl, subscription.disabledReason, subscription.disabledAt)));
    }
}
