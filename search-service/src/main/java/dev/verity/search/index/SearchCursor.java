package dev.verity.search.index;

import dev.verity.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a result list continues: the score and id of the last hit served, for Elasticsearch's {@code search_after},
 * and the {@link SearchPass} that found it, so the next page runs the same query (a typo-tolerant first page goes on
 * typo-tolerant). Opaque to clients (base64url). Deep pages cost what the first one does, unlike {@code from}.
 */
public record SearchCursor(double score, String id, SearchPass pass) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((Double.toString(score) + "|" + id + "|"
                + pass.name()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null when none was given; a 400 naming {@code cursor} when it is not ours. */
    public static SearchCursor decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
            // score|id|pass; a cursor handed out before passes were recorded has no pass: it continued EXACT
            String[] parts = text.split("\\|", -1);
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("not score|id|pass");
            }
            double score = Double.parseDouble(parts[0]);
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score");
            }
            SearchPass pass = parts.length == 3 ? SearchPass.valueOf(parts[2]) : SearchPass.EXACT;
            return new SearchCursor(score, parts[1], pass);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("cursor",
                    "is not a cursor this API handed out; pass back `nextCursor` from the previous page unchanged");
        }
    }
}
