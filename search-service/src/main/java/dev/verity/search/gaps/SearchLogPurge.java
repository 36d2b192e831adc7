package dev.verity.search.gaps;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Forgets searches and clicks past {@code verity.search.gaps.retention}; safe on every instance at once. */
@ApplicationScoped
class SearchLogPurge {

    private static final Logger LOG = Logger.getLogger(SearchLogPurge.class);

    private final SearchLogRepository log;

    SearchLogPurge(SearchLogRepository log) {
        this.log = log;
    }

    @Scheduled(identity = "search-log-purge", every = "6h", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        int purged = log.purge();
        if (purged > 0) {
            LOG.infof("forgot %d searches older than the retention", purged);
        }
    }
}
