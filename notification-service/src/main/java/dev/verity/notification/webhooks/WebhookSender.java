package dev.verity.notification.webhooks;

import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.notification.delivery.DeliveryWakeups;
import dev.verity.notification.delivery.DeliveryQueue.Outcome;
import dev.verity.notification.delivery.DeliveryQueue.Recorded;
import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.outbound.GuardedPost;
import dev.verity.notification.outbound.TargetGuard;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends the deliveries {@link WebhookFanOut} wrote down, through the channels' one {@link DeliveryQueue}, on a bounded
 * pool of threads: each tick claims as many deliveries as there are free threads (the database decides which:
 * {@link DeliveryRepository#claim}, due, in order per card, within each subscription's concurrency), and each thread
 * makes one attempt, recorded by the queue. Nothing here is shared with the Kafka consumers or the inbox: a slow target
 * only ever occupies this pool, and at most {@code per-target-concurrency} of its threads.
 *
 * <p>One attempt is a Standard Webhooks POST: the target's addresses are checked (DNS may have changed since it was
 * subscribed) and the checked address itself is connected to (the name is not resolved a second time, so it cannot be
 * switched to an internal address in between); the stored CloudEvent goes with {@code webhook-id} (the event id),
 * {@code webhook-timestamp} (now, epoch seconds) and {@code webhook-signature} (one {@code v1,} entry per signing
 * secret). Redirects are not followed. The whole attempt is bounded by the connect and request timeouts. What an
 * attempt means for the subscription ({@link #recorded}): a success ends its failing streak; a 410 Gone switches it
 * off at once; failing for {@code disable-after} switches it off; either way its owner is told ({@link OwnerNotice}).
 */
@ApplicationScoped
public class WebhookSender implements DeliveryQueue.Channel<DeliveryJob> {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final String USER_AGENT = "Verity-Webhooks/1.0";
    /** A target's Retry-After is honoured up to this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    /** Beyond the request's own timeouts, how long a claim lasts before another worker may take the delivery over. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final TargetGuard guard;
    private final Clock clock;
    private final WebhookConfig.Delivery config;
    private final GuardedPost http;
    private final SubscriptionRepository subscriptions;
    private final OwnerNotice ownerNotice;
    private final NotificationMetrics metrics;
    private final DeliveryQueue<DeliveryJob> queue;

    WebhookSender(Vertx vertx, TargetGuard guard, Clock clock, WebhookConfig config, DeliveryRepository deliveries,
            SubscriptionRepository subscriptions, OwnerNotice ownerNotice, NotificationMetrics metrics,
            DeliveryWakeups wakeups) {
        this.guard = guard;
        this.clock = clock;
        this.config = config.delivery();
        this.subscriptions = subscriptions;
        this.ownerNotice = ownerNotice;
        this.metrics = metrics;
        // Vert.x pools connections per server address, and several subscriptions may share one (a helpdesk tool
        // with a URL per tenant). Each subscription's share is capped where deliveries are claimed
        // (per-target-concurrency); a pool as large as the worker pool can never make one subscription wait for
        // another's connections, so a hanging tenant does not stall its neighbours.
        this.http = new GuardedPost(vertx, this.config.connectTimeout(), this.config.requestTimeout(),
                this.config.threads());
        this.queue = DeliveryQueue.pooled(deliveries, this, clock,
                new RetrySchedule(this.config.retrySchedule(), this.config.retryJitter()), this.config.threads(),
                this.config.connectTimeout().plus(this.config.requestTimeout()).plus(LEASE_MARGIN), "webhook-delivery");
        wakeups.register(DeliveryRepository.TABLE, queue);
    }

    @Scheduled(every = "${verity.webhooks.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-delivery", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        queue.dispatch();
    }

    /** In-flight attempts are abandoned: their claims run out and another instance (or the next start) retries them. */
    @PreDestroy
    void close() {
        queue.close();
        http.close();
    }

    @Override
    public Outcome send(DeliveryJob job) {
        long started = System.nanoTime();
        TargetGuard.CheckedTarget target;
        try {
            target = guard.check(job.url());
        } catch (TargetGuard.RefusedTarget e) {
            return failed(null, "target refused: " + e.getMessage(), started, null);
        }
        long timestamp = clock.instant().getEpochSecond();
        String signatures = job.secrets().stream().map(secret -> secret.sign(job.eventId(), timestamp, job.payload()))
                .collect(Collectors.joining(" "));
        GuardedPost.Answer answer = http.post(target, Map.of(
                "content-type", CloudEventPayload.MEDIA_TYPE,
                "user-agent", USER_AGENT,
                "webhook-id", job.eventId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signatures), job.payload());
        Integer status = answer.status();
        if (status == null) {
            return failed(null, answer.timedOut() ? timedOut() : answer.error(), started, null);
        }
        if (status >= 200 && status < 300) { // Standard Webhooks: only a 2xx is a success; a redirect is a failure
            return new Outcome(status, null, elapsed(started), null, false);
        }
        // 410 Gone: the receiver wants no more deliveries (the subscription is switched off in recorded)
        return new Outcome(status, "the target answered HTTP " + status, elapsed(started),
                retryAfter(answer.retryAfter()), status == 410);
    }

    @Override
    public void recorded(DeliveryJob job, Outcome outcome, Recorded recorded) {
        // locked by DeliveryRepository#record in this transaction, before the delivery (every writer's lock order)
        WebhookSubscription subscription = subscriptions.findById(job.subscriptionId());
        switch (recorded.result()) {
            case SENT -> {
                count(job, NotificationMetrics.DELIVERED);
                subscription.failingSince = null;
                return;
            }
            case RETRIED -> count(job, NotificationMetrics.RETRIED);
            case PARKED -> {
                count(job, NotificationMetrics.FAILED);
                if (outcome.refused()) {
                    if (subscription.active) {
                        subscription.disable("the target answered 410 Gone: it wants no more deliveries",
                                recorded.at());
                        ownerNotice.subscriptionDisabled(subscription);
                    }
                    return;
                }
                LOG.warnf("webhook delivery %s of event %s to subscription %s is dead after %d attempts: %s", job.id(),
                        job.eventId(), subscription.id, recorded.attempts(), outcome.error());
            }
        }
        if (subscription.failed(recorded.at(), config.disableAfter())) {
            ownerNotice.subscriptionDisabled(subscription);
        }
    }

    private void count(DeliveryJob job, String outcome) {
        metrics.count(job.eventType(), NotificationMetrics.WEBHOOK, outcome);
    }

    private static Outcome failed(Integer status, String error, long started, Duration retryAfter) {
        return new Outcome(status, error, elapsed(started), retryAfter, false);
    }

    /** Only the delay-seconds form; an HTTP date is ignored (the schedule's pause applies). */
    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            if (seconds < 0) {
                return null;
            }
            Duration wait = Duration.ofSeconds(seconds);
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String timedOut() {
        return "no complete answer within " + config.requestTimeout().toMillis() + " ms (connect "
                + config.connectTimeout().toMillis() + " ms)";
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
