package dev.verity.verification.service;

import dev.verity.verification.domain.VerificationStatus;
import java.time.Instant;

/**
 * A filter over verification records; null criteria match everything.
 *
 * @param verifierId only records this user or group verifies
 * @param status     only records in this status
 * @param dueBefore  only records due strictly before this instant
 * @param limit      at most this many, soonest due first
 */
public record VerificationQuery(String verifierId, VerificationStatus status, Instant dueBefore, int limit) {
}
