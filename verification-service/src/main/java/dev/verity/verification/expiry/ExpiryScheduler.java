package dev.verity.verification.expiry;

import dev.verity.verification.VerificationConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the expiry pass every {@code verity.verification.expiry.every} on every instance that enables it. */
@ApplicationScoped
public class ExpiryScheduler {

    private final ExpiryRunner runner;
    private final VerificationConfig config;

    ExpiryScheduler(ExpiryRunner runner, VerificationConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(identity = "verification-expiry", every = "${verity.verification.expiry.every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.expiry().enabled()) {
            runner.runOnce();
        }
    }
}
