package dev.verity.platform.http;

import dev.verity.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters arrive as text and are parsed here: JAX-RS answers 404 for a query parameter it cannot
 * convert (and reads any word but "true" as false); a client deserves a 400 that names the parameter, shaped like
 * every other validation problem. Absent or blank parameters mean "not given".
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A page size from 1 to {@code max}; {@code defaultLimit} when not given. */
    public static int limit(String raw, int defaultLimit, int max) {
        if (absent(raw)) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidParameter("limit",
                "must be a whole number from 1 to " + max + ", got '" + raw + "'");
    }

    public static Boolean bool(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        return switch (raw.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidParameter(name, "must be true or false, got '" + raw + "'");
        };
    }

    public static Instant instant(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name,
                    "must be an ISO-8601 instant such as 2026-06-01T00:00:00Z, got '" + raw + "'");
        }
    }

    public static <E extends Enum<E>> E oneOf(String name, String raw, Class<E> type) {
        if (absent(raw)) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(raw.strip())) {
                return value;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" or "));
        throw ProblemException.invalidParameter(name, "must be " + allowed + ", got '" + raw + "'");
    }

    /** A UUID that must be there, such as a path segment: blank is a 400 naming it, like any other bad value. */
    public static java.util.UUID requiredUuid(String name, String raw) {
        if (absent(raw)) {
            throw ProblemException.invalidParameter(name, "must be a UUID such as 0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11, "
                    + "got '" + (raw == null ? "" : raw) + "'");
        }
        return uuid(name, raw);
    }

    public static java.util.UUID uuid(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        try {
            return java.util.UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(name, "must be a UUID such as 0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11, got '"
                    + raw + "'");
        }
    }

    /** Stripped text of at most {@code maxLength} characters, or null when not given. */
    public static String text(String name, String raw, int maxLength) {
        if (absent(raw)) {
            return null;
        }
        if (raw.length() > maxLength) {
            throw ProblemException.invalidParameter(name, "must be at most " + maxLength + " characters");
        }
        return raw.strip();
    }

    /**
     * A parameter that was renamed to follow the one naming convention (README "Contracts"): the current name's
     * value, else the deprecated name's, still accepted for a deprecation period. Both with different values is a 400
     * naming the current one. The result is parsed under the current name.
     */
    public static String renamed(String name, String raw, String deprecatedName, String deprecatedRaw) {
        if (absent(deprecatedRaw)) {
            return raw;
        }
        if (absent(raw)) {
            return deprecatedRaw;
        }
        if (!raw.strip().equals(deprecatedRaw.strip())) {
            throw ProblemException.invalidParameter(name, "give either " + name + " or its deprecated name "
                    + deprecatedName + ", not both with different values");
        }
        return raw;
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }
}
