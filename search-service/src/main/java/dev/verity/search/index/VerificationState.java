package dev.verity.search.index;

import java.time.Instant;

/**
 * A card's verification as verification-service last said: what ranking and the {@code verification} filter use.
 * {@link #UNKNOWN} until its first verification event.
 */
public record VerificationState(String status, Instant verifiedAt, Instant dueAt) {

    public static final VerificationState UNKNOWN = new VerificationState(null, null, null);
}
