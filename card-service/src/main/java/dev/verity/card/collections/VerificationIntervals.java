package dev.verity.card.collections;

import dev.verity.platform.problem.ProblemException;
import java.util.List;

/** The verification intervals on offer: a short, fixed menu keeps reminders predictable across the organisation. */
public final class VerificationIntervals {

    public static final List<Integer> DAYS = List.of(7, 14, 30, 90, 180, 365);
    public static final int DEFAULT_DAYS = 90;

    private VerificationIntervals() {
    }

    /** {@code days}, or a 400 naming {@code field} when it is not on the menu; null stays null. */
    public static Integer require(String field, Integer days) {
        if (days != null && !DAYS.contains(days)) {
            throw ProblemException.invalidParameter(field, "must be one of " + DAYS + " days, got " + days);
        }
        return days;
    }
}
