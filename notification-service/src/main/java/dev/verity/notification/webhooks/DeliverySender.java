package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookConfig;
import dev.verity.notification.webhooks.CloudEventPayload;
import dev.verity.notification.outbound.GuardedPost;
import dev.verity.notification.outbound.TargetGuard;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Makes one Standard Webhooks attempt: checks the target's addresses (DNS may have changed since it was subscribed),
 * connects to the checked address itself (the name is not resolved a second time, so it cannot be switched to an
 * internal address in between), and POSTs the stored CloudEvent with {@code webhook-id} (the event id),
 * {@code webhook-timestamp} (now, epoch seconds) and {@code webhook-signature} (one {@code v1,} entry per signing
 * secret). Redirects are not followed. The whole attempt is bounded by the connect and request timeouts, so a
 * hanging target holds a worker thread for at most that long.
 */
@ApplicationScoped
public class DeliverySender {

    static final String USER_AGENT = "Verity-Webhooks/1.0";
    /** A target's Retry-After is honoured up to this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final TargetGuard guard;
    private final Clock clock;
    private final WebhookConfig.Delivery config;
    private final GuardedPost http;

    DeliverySender(Vertx vertx, TargetGuard guard, Clock clock, WebhookConfig config) {
        this.guard = guard;
        this.clock = clock;
        this.config = config.delivery();
        // Vert.x pools connections per server address, and several subscriptions may share one (a helpdesk tool
        // with a URL per tenant). Each subscription's share is capped where deliveries are claimed
        // (per-target-concurrency); a pool as large as the worker pool can never make one subscription wait for
        // another's connections, so a hanging tenant does not stall its neighbours.
        this.http = new GuardedPost(vertx, this.config.connectTimeout(), this.config.requestTimeout(),
                this.config.threads());
    }

    public Attempt send(DeliveryJob job) {
        long started = System.nanoTime();
        TargetGuard.CheckedTarget target;
        try {
            target = guard.check(job.url());
        } catch (TargetGuard.RefusedTarget e) {
            return Attempt.failed("target refused: " + e.getMessage(), elapsed(started));
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
        if (answer.status() != null) {
            return Attempt.answered(answer.status(), elapsed(started), retryAfter(answer.retryAfter()));
        }
        return Attempt.failed(answer.timedOut() ? timedOut() : answer.error(), elapsed(started));
    }

    @PreDestroy
    void close() {
        http.close();
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
