package dev.verity.search.index;

import java.time.Instant;

/**
 * A card's verification as verification-service last said: what ranking and the {@code verification} filter use.
 * {@link #UNKNOWN} until its first verification event. {@code reason} says why it is UNVERIFIED (the event's
 * {@code reason}: NEW, EXPIRED, FLAGGED, ...), null while VERIFIED, so a trust badge needs no second call.
 */
public record VerificationState(String status, Instant verifiedAt, Instant dueAt, String reason) {

    public static final VerificationState UNKNOWN = new VerificationState(null, null, null, null);
}
