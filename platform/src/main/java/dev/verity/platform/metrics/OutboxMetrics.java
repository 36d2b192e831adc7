package dev.verity.platform.metrics;

import dev.verity.platform.outbox.OutboxConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * How far the outbox is behind, for services that publish ({@code verity.outbox.source} set): events committed but
 * not yet on Kafka, and how long the oldest of them has waited. A backlog that grows, or an age beyond seconds,
 * means the relay cannot reach Kafka or cannot keep up; an event parked after its attempts leaves the backlog and
 * waits for an operator (see the relay's log). Read from the table itself, so every instance reports the same
 * figures whichever instance relays.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    // Both use the partial index outbox_event_pending, so a scrape never scans the published rows kept for replay.
    private static final String PENDING = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL";
    private static final String OLDEST = """
            SELECT occurred_at FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL
            ORDER BY seq LIMIT 1""";

    private final AgroalDataSource dataSource;
    private final OutboxConfig outbox;
    private final MetricsConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    private volatile Reading last = new Reading(Instant.MIN, Double.NaN, Double.NaN);

    OutboxMetrics(AgroalDataSource dataSource, OutboxConfig outbox, MetricsConfig config, MeterRegistry registry,
            Clock clock) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement pending = connection.prepareStatement(PENDING);
                PreparedStatement oldest = connection.prepareStatement(OLDEST)) {
            long count;
            try (ResultSet rows = pending.executeQuery()) {
                rows.next();
                count = rows.getLong(1);
            }
            double age = 0;
            try (ResultSet rows = oldest.executeQuery()) {
                if (rows.next()) {
                    Timestamp occurredAt = rows.getTimestamp(1);
                    age = Math.max(0, Duration.between(occurredAt.toInstant(), now).toMillis() / 1000.0);
                }
            }
            return new Reading(now, count, age);
        } catch (SQLException e) {
            // a scrape must not fail because the database is away: the gauges show "no value" (NaN) instead
            LOG.debugf("cannot read the outbox backlog: %s", e.getMessage());
            return new Reading(now, Double.NaN, Double.NaN);
        }
    }

    record Reading(Instant at, double pending, double oldestAgeSeconds) {
    }
}
