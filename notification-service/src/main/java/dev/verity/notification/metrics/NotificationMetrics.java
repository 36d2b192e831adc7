package dev.verity.notification.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Notification outcomes per type, channel and outcome: {@code verity_notifications_total{type,channel,outcome}} on
 * {@code /q/metrics}, one series for every way a notification reaches (or fails to reach) someone. A rising
 * {@code failed} or {@code retried} share on a channel is the alert; the inbox channel counts what users see.
 *
 * <p>Counted when the transaction that made the outcome commits, never before: an event whose effect rolls back
 * (and is applied again on the retry) counts once, as the user sees it once.
 */
@ApplicationScoped
public class NotificationMetrics {

    /** The in-app inbox ({@code GET /notifications}). */
    public static final String INBOX = "inbox";
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    /** A message to the user's Slack-compatible chat webhook. */
    public static final String CHAT = "chat";

    /** The type tag of an email: one email may be a digest of many notifications, so it has no single type. */
    public static final String ANY_TYPE = "ANY";

    /** Reached its channel: stored in the inbox, accepted by the mail server, answered 2xx by the endpoint. */
    public static final String DELIVERED = "delivered";
    /** Failed for now; another attempt follows. */
    public static final String RETRIED = "retried";
    /** Failed for good (attempts exhausted, or refused permanently). */
    public static final String FAILED = "failed";
    /** Not sent on purpose (the recipient opted out, a digest took it). */
    public static final String SKIPPED = "skipped";

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    NotificationMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /**
     * Counts one notification of {@code type} (e.g. {@code VERIFICATION_ASSIGNED}) on {@code channel} with
     * {@code outcome}: at once outside a transaction, after the commit inside one.
     */
    public void count(String type, String channel, String outcome) {
        Counter counter = Counter.builder("verity.notifications")
                .description("Notifications by type, channel (inbox, email, chat, webhook) and outcome "
                        + "(delivered, retried, failed, skipped)")
                .tag("type", type)
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new CountOnCommit(counter));
        } else {
            counter.increment();
        }
    }

    private record CountOnCommit(Counter counter) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                counter.increment();
            }
        }
    }
}
