package dev.verity.platform.outbox;

import static dev.verity.platform.jdbc.SqlTimestamps.instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** How much is waiting in the outbox: what health checks and metrics read. */
@ApplicationScoped
public class OutboxBacklog {

    /** Pending rows (not yet on Kafka), parked rows, and when the oldest pending event happened (null if none). */
    public record Snapshot(long pending, long parked, Instant oldestPendingAt) {
    }

    private final EntityManager em;

    OutboxBacklog(EntityManager em) {
        this.em = em;
    }

    /** Reads only pending and parked rows (partial indexes), never the published history. */
    public Snapshot snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                    SELECT (SELECT count(*) FROM outbox_event
                            WHERE published_at IS NULL AND parked_at IS NULL),
                           (SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL),
                           (SELECT min(occurred_at) FROM outbox_event
                            WHERE published_at IS NULL AND parked_at IS NULL)""").getSingleResult();
            return new Snapshot(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), instant(row[2]));
        });
    }
}
