package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps the delivery log from growing for ever: finished deliveries (delivered or dead) older than
 * {@code delivery.log-retention} are deleted. Open ones stay, however old.
 */
@ApplicationScoped
public class DeliveryLogPurge {

    private static final Logger LOG = Logger.getLogger(DeliveryLogPurge.class);

    private final EntityManager em;
    private final WebhookConfig config;
    private final Clock clock;

    DeliveryLogPurge(EntityManager em, WebhookConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-delivery-log-purge")
    @Transactional
    void purge() {
        int deleted = em.createNativeQuery("""
                DELETE FROM webhook_delivery WHERE status IN ('DELIVERED', 'DEAD') AND created_at < ?1""")
                .setParameter(1, clock.instant().minus(config.delivery().logRetention()).atOffset(ZoneOffset.UTC))
                .executeUpdate();
        if (deleted > 0) {
            LOG.infof("deleted %d finished webhook deliveries older than %s", deleted,
                    config.delivery().logRetention());
        }
    }
}
