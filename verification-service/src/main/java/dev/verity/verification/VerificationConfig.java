package dev.verity.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** verification-service's own settings. */
@ConfigMapping(prefix = "verity.verification")
public interface VerificationConfig {

    Expiry expiry();

    /** Longest range of days {@code GET /trust-scores} draws a series for. */
    @WithDefault("366")
    int maxSeriesDays();

    interface Expiry {

        /**
         * Whether this instance runs the expiry and due-soon passes. Several instances may: they claim disjoint rows
         * with {@code FOR UPDATE SKIP LOCKED}. Off in tests, which run the passes themselves with a moved clock.
         */
        @WithDefault("true")
        boolean enabled();

        /** How often the passes run (the scheduler reads {@code verity.verification.expiry.every}). */
        @WithDefault("30s")
        Duration every();

        /** Cards claimed per transaction: bounds a transaction's locks and the memory of one pass. */
        @WithDefault("1000")
        int batchSize();

        /** How long before its due date a card's verifier gets the due-soon event. */
        @WithDefault("P3D")
        Duration dueSoonLead();
    }
}
