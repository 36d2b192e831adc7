package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Keeps the delivery log from growing for ever: finished deliveries (delivered or dead) older than
 * {@code delivery.log-retention} are deleted. Open ones stay, however old.
 */
@ApplicationScoped
public class DeliveryLogPurge {

    private static final Logger LOG = Logger.getLogger(DeliveryLogPurge.class);

    private final DeliveryRepository deliveries;
    private final WebhookConfig config;
    private final Clock clock;

    DeliveryLogPurge(DeliveryRepository deliveries, WebhookConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-delivery-log-purge")
    @Transactional
    void purge() {
        int deleted = deliveries.purgeFinished(clock.instant().minus(config.delivery().logRetention()));
        if (deleted > 0) {
            LOG.infof("deleted %d finished webhook deliveries older than %s", deleted,
                    config.delivery().logRetention());
        }
    }
}
