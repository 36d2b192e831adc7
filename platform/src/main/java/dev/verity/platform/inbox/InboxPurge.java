package dev.verity.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/** Forgets processed event ids older than {@link InboxConfig#retention()}, so the inbox does not grow for ever. */
@ApplicationScoped
public class InboxPurge {

    private static final Logger LOG = Logger.getLogger(InboxPurge.class);

    private final EntityManager em;
    private final Clock clock;
    private final InboxConfig config;

    InboxPurge(EntityManager em, Clock clock, InboxConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Deletes expired rows in batches; returns how many went. */
    public long purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.retention());
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM processed_event WHERE (consumer, event_id) IN (
                        SELECT consumer, event_id FROM processed_event WHERE processed_at < ?1 LIMIT ?2)""")
                    .setParameter(1, cutoff).setParameter(2, config.purgeBatchSize()).executeUpdate());
            total += deleted;
        } while (deleted >= config.purgeBatchSize());
        if (total > 0) {
            LOG.infof("forgot %d processed event ids older than %s", total, config.retention());
        }
        return total;
    }
}
