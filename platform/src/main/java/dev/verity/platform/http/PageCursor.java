package dev.verity.platform.http;

import dev.verity.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a keyset-paginated list continues: the sort key ({@code at}) and id of the last item served. Opaque to
 * clients (base64url), stable under concurrent inserts, and cheap for the database (no OFFSET).
 */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null when none was given; a 400 naming {@code cursor} when it is not ours. */
    public static PageCursor decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidParameter("cursor",
                    "is not a cursor this API handed out; pass back `nextCursor` from the previous page unchanged");
        }
    }
}
