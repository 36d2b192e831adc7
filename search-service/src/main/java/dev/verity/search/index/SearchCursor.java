package dev.verity.search.index;

import dev.verity.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a result list continues: the score and id of the last hit served, for Elasticsearch's {@code search_after}.
 * Opaque to clients (base64url). Deep pages cost what the first one does, unlike {@code from}.
 */
public record SearchCursor(double score, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((Double.toString(score) + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null when none was given; a 400 naming {@code cursor} when it is not ours. */
    public static SearchCursor decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 1 || bar == text.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            double score = Double.parseDouble(text.substring(0, bar));
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score");
            }
            return new SearchCursor(score, text.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("cursor",
                    "is not a cursor this API handed out; pass back `nextCursor` from the previous page unchanged");
        }
    }
}
