package dev.verity.notification.rest;

import dev.verity.platform.problem.ProblemException;

/**
 * Query parameters arrive as text and are parsed here: JAX-RS answers 404 for a query parameter it cannot
 * convert (and reads any word but "true" as false), a client deserves a 400 that names the parameter, shaped like
 * every other validation problem. Absent or empty parameters mean "not given".
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

    static Boolean bool(String name, String raw) {
        if (absent(raw)) {
            return null;
        }
        return switch (raw.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false, got '" + raw + "'");
        };
    }

    /** The same problem type, title and {@code errors} member as a Bean Validation failure. */
    static ProblemException invalid(String name, String message) {
        return ProblemException.invalidParameter(name, message);
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }
}
