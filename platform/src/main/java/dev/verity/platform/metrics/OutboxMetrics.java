package dev.verity.platform.metrics;

import dev.verity.platform.outbox.OutboxBacklog;
import dev.verity.platform.outbox.OutboxConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * How far the outbox is behind, for services that publish ({@code verity.outbox.source} set): events committed but
 * not yet on Kafka, and how long the oldest of them has waited. A backlog that grows, or an age beyond seconds,
 * means the relay cannot reach Kafka (it waits the outage out) or cannot keep up; an event Kafka can never take is
 * parked and counted apart, waiting for an operator. Read from the table itself ({@link OutboxBacklog}), so every instance reports the same
 * figures whichever instance relays.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final OutboxBacklog backlog;
    private final OutboxConfig outbox;
    private final MetricsConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    private volatile Reading last = new Reading(Instant.MIN, Double.NaN, Double.NaN, Double.NaN);

    OutboxMetrics(OutboxBacklog backlog, OutboxConfig outbox, MetricsConfig config, MeterRegistry registry,
            Clock clock) {
        this.backlog = backlog;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        if (outbox.source().isEmpty()) {
            return; // publishes nothing: no outbox to watch
        }
        Gauge.builder("verity.outbox.pending", this, m -> m.reading().pending())
                .description("Events committed to the outbox and not yet published to Kafka (parked ones excluded)")
                .register(registry);
        Gauge.builder("verity.outbox.parked", this, m -> m.reading().parked())
                .description("Events Kafka can never take (e.g. too large), waiting for an operator: "
                        + "POST /admin/outbox/redrive after the fix")
                .register(registry);
        Gauge.builder("verity.outbox.oldest.pending.age", this, m -> m.reading().oldestAgeSeconds())
                .description("How long the oldest unpublished outbox event has waited; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    /** The latest reading, refreshed when older than {@link MetricsConfig#outboxReadingTtl()}. */
    Reading reading() {
        Reading current = last;
        Instant now = clock.instant();
        if (Duration.between(current.at(), now).compareTo(config.outboxReadingTtl()) < 0) {
            return current;
        }
        synchronized (this) {
            if (last != current) {
                return last;
            }
            last = read(now);
            return last;
        }
    }

    private Reading read(Instant now) {
        try {
            OutboxBacklog.Snapshot snapshot = backlog.snapshot();
            double age = snapshot.oldestPendingAt() == null ? 0
                    : Math.max(0, Duration.between(snapshot.oldestPendingAt(), now).toMillis() / 1000.0);
            return new Reading(now, snapshot.pending(), snapshot.parked(), age);
        } catch (RuntimeException e) {
            // a scrape must not fail because the database is away: the gauges show "no value" (NaN) instead
            LOG.debugf("cannot read the outbox backlog: %s", e.getMessage());
            return new Reading(now, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    record Reading(Instant at, double pending, double parked, double oldestAgeSeconds) {
    }
}
