package dev.verity.platform.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The outbox at {@code /q/health/well}: pending and parked rows and the oldest pending row's age. DOWN while events
 * are held up longer than {@code verity.outbox.stale-after} (Kafka away) or any row is parked (needs an operator:
 * {@code POST /admin/outbox/redrive}). Not a readiness check: the service still takes writes, which wait safely in
 * the outbox.
 */
@Wellness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final OutboxBacklog backlog;
    private final OutboxConfig config;
    private final Clock clock;

    OutboxHealth(OutboxBacklog backlog, OutboxConfig config, Clock clock) {
        this.backlog = backlog;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox");
        if (config.source().isEmpty()) {
            return builder.up().withData("publishes", false).build();
        }
        OutboxBacklog.Snapshot now = backlog.snapshot();
        long ageSeconds = now.oldestPendingAt() == null ? 0
                : Math.max(0, Duration.between(now.oldestPendingAt(), clock.instant()).toSeconds());
        boolean healthy = now.parked() == 0 && ageSeconds <= config.staleAfter().toSeconds();
        return builder.status(healthy)
                .withData("pending", now.pending())
                .withData("parked", now.parked())
                .withData("oldestPendingAgeSeconds", ageSeconds)
                .build();
    }
}
