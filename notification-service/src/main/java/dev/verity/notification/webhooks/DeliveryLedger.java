package dev.verity.notification.webhooks;

import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.webhooks.WebhookConfig;
import dev.verity.notification.webhooks.WebhookDelivery;
import dev.verity.notification.webhooks.WebhookSubscription;
import dev.verity.notification.webhooks.DeliveryRepository;
import dev.verity.notification.webhooks.SubscriptionRepository;
import dev.verity.notification.webhooks.OwnerNotice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The delivery worker's transactions: claiming due deliveries, and recording what each attempt got (delivered,
 * retried later, dead), with what that means for the subscription (failing since, disabled). Never calls a target.
 */
@ApplicationScoped
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class);
    /** Beyond the request's own timeouts, how long a claim lasts before another worker may take the delivery over. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final OwnerNotice ownerNotice;
    private final WebhookConfig.Delivery config;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final NotificationMetrics metrics;

    DeliveryLedger(DeliveryRepository deliveries, SubscriptionRepository subscriptions, OwnerNotice ownerNotice,
            WebhookConfig config, Clock clock, NotificationMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.ownerNotice = ownerNotice;
        this.config = config.delivery();
        this.schedule = new RetrySchedule(config.delivery().retrySchedule(), config.delivery().retryJitter());
        this.clock = clock;
    }

    /** Claims up to {@code limit} due deliveries (see {@link DeliveryRepository#claim}) with what sending them needs. */
    @Transactional
    public List<DeliveryJob> claim(int limit) {
        Instant now = now();
        int released = deliveries.releaseExpiredLeases(now);
        if (released > 0) {
            LOG.warnf("%d webhook deliveries were left in flight past their lease (an instance stopped mid-attempt); "
                    + "they are retried", released);
        }
        UUID token = UUID.randomUUID();
        Instant leaseUntil = now.plus(config.connectTimeout()).plus(config.requestTimeout()).plus(LEASE_MARGIN);
        List<UUID> ids = deliveries.claim(now, limit, config.perTargetConcurrency(), token, leaseUntil);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, WebhookSubscription> targets = new HashMap<>();
        List<DeliveryJob> jobs = new ArrayList<>(ids.size());
        for (WebhookDelivery delivery : deliveries.list("id in ?1", ids)) {
            WebhookSubscription subscription = targets.computeIfAbsent(delivery.subscriptionId,
                    subscriptions::findById);
            jobs.add(new DeliveryJob(delivery.id, token, subscription.id, subscription.targetUrl, delivery.eventId,
                    delivery.payload, subscription.signingSecrets(now)));
        }
        return jobs;
    }

    /** Records an attempt; does nothing when the claim was lost meanwhile (the delivery is someone else's now). */
    @Transactional
    public void record(DeliveryJob job, Attempt attempt) {
        Instant now = now();
        // subscription first, then delivery: the order every other writer (update, delete) locks them in
        WebhookSubscription subscription = subscriptions.lock(job.subscriptionId());
        WebhookDelivery delivery = subscription == null ? null : deliveries.leased(job.deliveryId(), job.leaseToken());
        if (delivery == null) {
            LOG.infof("webhook delivery %s: the claim ran out or the subscription went before the attempt was recorded",
                    job.deliveryId());
            return;
        }
        delivery.attempted(now, attempt.statusCode(), attempt.latencyMs(), attempt.error());
        if (attempt.succeeded()) {
            delivery.delivered(now);
            count(delivery, NotificationMetrics.DELIVERED);
            subscription.failingSince = null;
            return;
        }
        if (attempt.gone()) {
            delivery.dead();
            count(delivery, NotificationMetrics.FAILED);
            if (subscription.active) {
                subscription.disable("the target answered 410 Gone: it wants no more deliveries", now);
                ownerNotice.subscriptionDisabled(subscription);
            }
            return;
        }
        schedule.after(delivery.attempts, ThreadLocalRandom.current()::nextDouble).ifPresentOrElse(pause -> {
            Duration wait = attempt.retryAfter() != null && attempt.retryAfter().compareTo(pause) > 0
                    ? attempt.retryAfter() : pause;
            delivery.retryAt(now.plus(wait));
            count(delivery, NotificationMetrics.RETRIED);
        }, () -> {
            delivery.dead();
            count(delivery, NotificationMetrics.FAILED);
            LOG.warnf("webhook delivery %s of event %s to subscription %s is dead after %d attempts: %s",
                    delivery.id, delivery.eventId, subscription.id, delivery.attempts, attempt.error());
        });
        if (subscription.failed(now, config.disableAfter())) {
            ownerNotice.subscriptionDisabled(subscription);
        }
    }

    private void count(WebhookDelivery delivery, String outcome) {
        metrics.count(delivery.eventType, NotificationMetrics.WEBHOOK, outcome);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
