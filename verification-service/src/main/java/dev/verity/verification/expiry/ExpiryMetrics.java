package dev.verity.verification.expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the expiry passes do, on {@code /q/metrics}: cards expired ({@code verity_verification_expired_total}) and
 * announced as due soon ({@code verity_verification_due_soon_total}), cards expired per pass
 * ({@code verity_verification_expiry_run_expired}) and how long a pass takes
 * ({@code verity_verification_expiry_run_seconds}). A pass that takes longer than the schedule's interval means the
 * instances cannot keep up (add instances: passes share the work); a burst of expiries is worth a look at the queue.
 *
 * <p>Created at start ({@code @Startup}), so the series are on {@code /q/metrics}, at zero, before the first event or
 * pass.
 */
@Startup
@ApplicationScoped
public class ExpiryMetrics {

    private final MeterRegistry registry;
    private final Counter expired;
    private final Counter dueSoon;
    private final DistributionSummary expiredPerRun;
    private final Timer runs;

    ExpiryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.expired = Counter.builder("verity.verification.expired")
                .description("Cards turned UNVERIFIED (EXPIRED) by the expiry pass")
                .register(registry);
        this.dueSoon = Counter.builder("verity.verification.due.soon")
                .description("Cards announced as falling due soon by the expiry pass")
                .register(registry);
        this.expiredPerRun = DistributionSummary.builder("verity.verification.expiry.run.expired")
                .description("Cards expired by one expiry pass of this instance")
                .register(registry);
        this.runs = Timer.builder("verity.verification.expiry.run")
                .description("How long one expiry pass of this instance took")
                .register(registry);
    }

    /** Starts timing a pass, on the monotonic clock (a pass's duration, unlike due dates, is not the service's time). */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** A pass ended: what it did, and how long it took. */
    public void ran(Timer.Sample sample, int expiredCards, int dueSoonCards) {
        sample.stop(runs);
        expired.increment(expiredCards);
        dueSoon.increment(dueSoonCards);
        expiredPerRun.record(expiredCards);
    }
}
