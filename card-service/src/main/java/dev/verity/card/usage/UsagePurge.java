package dev.verity.card.usage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps usage for {@code verity.usage.retention-months} and no longer, and has the cards whose oldest counted day
 * just left the report window reported again. Idempotent, so every instance may run it.
 */
@ApplicationScoped
public class UsagePurge {

    private static final Logger LOG = Logger.getLogger(UsagePurge.class);

    private final UsageRepository usage;
    private final UsageConfig config;
    private final Clock clock;

    UsagePurge(UsageRepository usage, UsageConfig config, Clock clock) {
        this.usage = usage;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "usage-purge", cron = "0 17 3 * * ?", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int removed = purge();
        if (removed > 0) {
            LOG.infof("usage purge: %d rows older than %d months removed", removed, config.retentionMonths());
        }
    }

    /** Removes what is older than the retention; returns how many rows. */
    public int purge() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        usage.leftTheWindow(today.minusDays(config.reportWindowDays()), now);
        return usage.purge(today.minusMonths(config.retentionMonths()));
    }
}
