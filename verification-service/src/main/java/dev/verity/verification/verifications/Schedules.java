package dev.verity.verification.verifications;

import dev.verity.platform.problem.ProblemException;
import java.time.LocalDate;

/** Turns a requested schedule into a {@link Schedule}, or a 400 naming the field that is wrong. */
public final class Schedules {

    private Schedules() {
    }

    public static Schedule require(Integer intervalDays, LocalDate verifyOn, Boolean never, LocalDate today) {
        int given = (intervalDays != null ? 1 : 0) + (verifyOn != null ? 1 : 0) + (Boolean.TRUE.equals(never) ? 1 : 0);
        if (given != 1) {
            throw ProblemException.badRequest("give exactly one schedule: intervalDays (one of " + Schedule.INTERVALS
                    + "), verifyOn (a future date) or never: true; got " + given);
        }
        if (intervalDays != null) {
            if (!Schedule.INTERVALS.contains(intervalDays)) {
                throw ProblemException.invalidParameter("intervalDays",
                        "must be one of " + Schedule.INTERVALS + " days, got " + intervalDays);
            }
            return Schedule.every(intervalDays);
        }
        if (verifyOn != null) {
            if (!verifyOn.isAfter(today)) {
                throw ProblemException.invalidParameter("verifyOn",
                        "must be a date after today (" + today + "), got " + verifyOn);
            }
            return Schedule.on(verifyOn);
        }
        return Schedule.NEVER;
    }

    /** A free-text comment or reason: at most {@value #MAX_TEXT} characters, blank means none. */
    static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalidParameter(field, "is required: say what is wrong with the card");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ProblemException.invalidParameter(field, "must be at most " + MAX_TEXT + " characters, got "
                    + value.length());
        }
        return value.strip();
    }

    /** The longest comment, flag reason or request message (as long as the history keeps). */
    static final int MAX_TEXT = 2000;
}
