package dev.verity.verification.verifications;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How often a card must be verified: every {@code intervalDays}, by a fixed date, or never (both null). A card
 * snapshot may carry both an interval and a date; then the date counts while it is still ahead of the last
 * verification, and the interval takes over once it has been verified on or after that date.
 */
public record Schedule(Integer intervalDays, LocalDate verifyOn) {

    /** The intervals on offer, as in card-service: a short, fixed menu keeps reminders predictable. */
    public static final List<Integer> INTERVALS = List.of(7, 14, 30, 90, 180, 365);

    public static final Schedule NEVER = new Schedule(null, null);

    public static Schedule every(int days) {
        return new Schedule(days, null);
    }

    public static Schedule on(LocalDate date) {
        return new Schedule(null, date);
    }

    public boolean never() {
        return intervalDays == null && verifyOn == null;
    }

    /** When a verification at {@code verifiedAt} falls due under this schedule; null when never. */
    public Instant dueAfter(Instant verifiedAt) {
        if (verifyOn != null) {
            Instant date = verifyOn.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (date.isAfter(verifiedAt) || intervalDays == null) {
                return date.isAfter(verifiedAt) ? date : null;
            }
        }
        return intervalDays == null ? null : VerificationRecord.dueAfter(verifiedAt, intervalDays);
    }

    /** Exactly {@code intervalDays} × 24 h: instants have no time zone, so no daylight-saving jumps. */
    static Instant plusDays(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }
}
