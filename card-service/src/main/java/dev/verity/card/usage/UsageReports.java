package dev.verity.card.usage;

import dev.verity.events.CardUsageReported;
import dev.verity.events.Topics;
import dev.verity.events.UsageEventTypes;
import dev.verity.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes each card's usage as {@code usage.reported} through the outbox, every
 * {@code verity.usage.report-every}, for the cards whose usage changed since their last report: one event per card and
 * interval however many views it had. Instances claim different cards ({@code SKIP LOCKED}).
 */
@ApplicationScoped
public class UsageReports {

    private final UsageRepository usage;
    private final UsageBuffer buffer;
    private final Outbox outbox;
    private final UsageConfig config;
    private final Clock clock;

    UsageReports(UsageRepository usage, UsageBuffer buffer, Outbox outbox, UsageConfig config, Clock clock) {
        this.usage = usage;
        this.buffer = buffer;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "usage-reports", every = "${verity.usage.report-every:5m}", delayed = "30s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        report();
    }

    /** One pass over at most {@code report-batch} cards, after writing what waits in memory; returns how many. */
    public int report() {
        buffer.flush();
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            LocalDate from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(config.reportWindowDays() - 1L);
            List<UsageRepository.Report> reports = usage.claimReports(from, config.reportBatch());
            for (UsageRepository.Report r : reports) {
                outbox.publish(Topics.USAGE, r.cardId().toString(), UsageEventTypes.REPORTED, r.cardId().toString(),
                        new CardUsageReported(r.cardId(), r.collectionId(), now, config.reportWindowDays(), r.views(),
                                r.uniqueViewers(), r.copies(), r.linksAdded(), r.links(), r.lastViewedAt()));
                usage.reported(r.cardId(), r.changedAt());
            }
            return reports.size();
        });
    }
}
