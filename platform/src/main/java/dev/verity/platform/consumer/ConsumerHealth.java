package dev.verity.platform.consumer;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The event consumers at {@code /q/health/well} (and {@code /q/health}): DOWN while any consumer is waiting out a
 * failure, with where and why. Deliberately not a readiness check: a service whose indexer waits for Elasticsearch
 * can still answer its API, and taking it out of a load balancer would help nobody.
 */
@Wellness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final ConsumerStalls stalls;

    ConsumerHealth(ConsumerStalls stalls) {
        this.stalls = stalls;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> stalled = stalls.describe();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("event consumers").status(stalled.isEmpty());
        stalled.forEach(builder::withData);
        return builder.build();
    }
}
