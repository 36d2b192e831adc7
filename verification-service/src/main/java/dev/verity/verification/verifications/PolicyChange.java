package dev.verity.verification.verifications;

import java.time.LocalDate;

/**
 * A requested verification policy: a verifier (null keeps the current one) and exactly one schedule: every
 * {@code intervalDays}, by {@code verifyOn}, or {@code never}.
 */
public record PolicyChange(String verifierId, Integer intervalDays, LocalDate verifyOn, Boolean never) {
}
