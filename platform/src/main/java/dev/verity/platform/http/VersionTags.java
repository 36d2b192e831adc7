package dev.verity.platform.http;

import dev.verity.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import java.util.OptionalLong;

/**
 * Entity tags carry an aggregate's version: {@code ETag: "7"}. Updates must send it back in {@code If-Match};
 * a missing header is 428 and a stale one 412, so no edit silently overwrites another.
 */
public final class VersionTags {

    private VersionTags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version an {@code If-Match} header expects, or empty for {@code *} (any current version).
     *
     * @throws ProblemException 428 when the header is absent, 400 when it is not a version tag
     */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "send If-Match with the ETag you read (e.g. If-Match: \"3\") so concurrent edits are not lost");
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return OptionalLong.empty();
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(version);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be a version ETag such as \"3\", got " + ifMatch);
        }
    }

    /** Throws 412 with the current version when the client edited an older one. */
    public static void requireMatch(OptionalLong expected, long current, String what) {
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw ProblemException.versionMismatch(current, what + " is at version " + current
                    + " but If-Match names version " + expected.getAsLong()
                    + "; re-read it, re-apply your change and retry");
        }
    }
}
