package dev.verity.notification.webhooks.delivery;

import dev.verity.notification.webhooks.config.WebhookConfig;
import dev.verity.notification.webhooks.messaging.CloudEventPayload;
import dev.verity.notification.webhooks.service.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
    private final HttpClient client;

    DeliverySender(Vertx vertx, TargetGuard guard, Clock clock, WebhookConfig config) {
        this.guard = guard;
        this.clock = clock;
        this.config = config.delivery();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) this.config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setVerifyHost(true),
                // Vert.x pools connections per server address, and several subscriptions may share one (a helpdesk
                // tool with a URL per tenant). Each subscription's share is capped where deliveries are claimed
                // (per-target-concurrency); a pool as large as the worker pool can never make one subscription wait
                // for another's connections, so a hanging tenant does not stall its neighbours.
                new PoolOptions().setHttp1MaxSize(Math.max(1, this.config.threads())));
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
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(pathAndQuery(target))
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.requestTimeout().toMillis())
                .putHeader("content-type", CloudEventPayload.MEDIA_TYPE)
                .putHeader("user-agent", USER_AGENT)
                .putHeader("webhook-id", job.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signatures);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        try {
            return client.request(request)
                    .compose(req -> {
                        sent.set(req);
                        return req.send(Buffer.buffer(job.payload()));
                    })
                    .compose(response -> {
                        int status = response.statusCode();
                        Duration retryAfter = retryAfter(response.getHeader("retry-after"));
                        response.handler(ignored -> { }); // the answer's body is not ours to keep
                        return response.end().map(done -> Attempt.answered(status, elapsed(started), retryAfter));
                    })
                    .toCompletionStage().toCompletableFuture()
                    .get(config.connectTimeout().plus(config.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest req = sent.get();
            if (req != null) {
                req.reset();
            }
            return Attempt.failed(timedOut(), elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause.getClass().getSimpleName().contains("Timeout")) { // Vert.x's own connect or idle timeout
                return Attempt.failed(timedOut(), elapsed(started));
            }
            return Attempt.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage(), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted: the service is stopping", elapsed(started));
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static String pathAndQuery(TargetGuard.CheckedTarget target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
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
