package dev.verity.verification.service;

import dev.verity.verification.domain.RecordState;
import dev.verity.verification.domain.VerificationStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A filter over verification records; null criteria match everything.
 *
 * @param state      only records in this state (never null: archived cards are listed only when asked for)
 * @param verifierId only records this user or group verifies
 * @param status     only records in this status
 * @param dueBefore  only records due strictly before this instant
 * @param limit      at most this many, soonest due first
 */
public record VerificationQuery(RecordState state, String verifierId, VerificationStatus status, Instant dueBefore,
        int limit) {

    public VerificationQuery {
        Objects.requireNonNull(state, "state");
    }
}
