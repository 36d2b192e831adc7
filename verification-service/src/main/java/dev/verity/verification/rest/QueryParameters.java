package dev.verity.verification.rest;

import dev.verity.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters arrive as text and are parsed here: JAX-RS answers 404 for a query parameter it cannot
 * convert, a client deserves a 400 that names the parameter, shaped like every other validation problem.
 * Absent or empty parameters mean "not given".
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private QueryParameters() {
    }

    static int limit(String raw) {
        if (absent(raw)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + raw + "'");
    }

    static Instant instant(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-06-01T00:00:00Z, got '" + raw + "'");
        }
    }

    static <E extends Enum<E>> E oneOf(String name, String raw, Class<E> type) {
        if (absent(raw)) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(raw.strip())) {
                return value;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" or "));
        throw invalid(name, "must be " + allowed + ", got '" + raw + "'");
    }

    static String text(String name, String raw, int maxLength) {
        if (absent(raw)) {
            return null;
        }
        if (raw.length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        return raw.strip();
    }

    /** The same problem type, title and {@code errors} member as a Bean Validation failure. */
    static ProblemException invalid(String name, String message) {
        return ProblemException.invalidParameter(name, message);
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }
}
