package dev.verity.verification.expiry;

import dev.verity.verification.VerificationConfig;
import dev.verity.verification.verifications.VerificationEvents;
import dev.verity.verification.verifications.VerificationRecordRepository.DueCard;
import dev.verity.verification.verifications.VerificationRecordRepository;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Expires cards past their due date and announces those falling due soon, batch by batch, each batch one
 * transaction: claim (SKIP LOCKED), change, history and outbox events commit together. So any number of runners
 * (instances, threads) can work at once without two of them taking the same card, an interrupted pass loses
 * nothing, and a pass after downtime catches up on everything that fell due meanwhile.
 */
@ApplicationScoped
public class ExpiryRunner {

    /** What one pass did. */
    public record Pass(int expired, int dueSoon) {
    }

    private static final Logger LOG = Logger.getLogger(ExpiryRunner.class);

    private final Clock clock;
    private final VerificationRecordRepository records;
    private final VerificationEvents events;
    private final VerificationConfig config;
    private final ExpiryMetrics metrics;

    ExpiryRunner(Clock clock, VerificationRecordRepository records, VerificationEvents events,
            VerificationConfig config, ExpiryMetrics metrics) {
        this.metrics = metrics;
        this.clock = clock;
        this.records = records;
        this.events = events;
        this.config = config;
    }

    /** Runs batches until nothing is left that is due (or due soon) as of now. */
    public Pass runOnce() {
        Timer.Sample timing = metrics.start();
        int expired = 0;
        int batch;
        do {
            batch = expireBatch();
            expired += batch;
        } while (batch > 0);
        int dueSoon = 0;
        do {
            batch = dueSoonBatch();
            dueSoon += batch;
        } while (batch > 0);
        metrics.ran(timing, expired, dueSoon);
        if (expired > 0 || dueSoon > 0) {
            LOG.infof("verification expiry: %d card(s) expired, %d due soon", expired, dueSoon);
        }
        return new Pass(expired, dueSoon);
    }

    /** One transaction: up to a batch of due cards turn UNVERIFIED (EXPIRED), each with one expired event. */
    public int expireBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            List<DueCard> expired = records.expireDue(now, config.expiry().batchSize());
            events.publishExpired(expired, now);
            return expired.size();
        });
    }

    /** One transaction: up to a batch of cards due within the lead get their one due-soon event. */
    public int dueSoonBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            List<DueCard> soon = records.markDueSoon(now, now.plus(config.expiry().dueSoonLead()),
                    config.expiry().batchSize());
            events.publishDueSoon(soon, now);
            return soon.size();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
