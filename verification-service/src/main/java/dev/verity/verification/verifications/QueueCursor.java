package dev.verity.verification.verifications;

import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.verifications.VerificationRecordRepository.QueuePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a queue page continues. Like platform's {@code PageCursor} (opaque base64url, keyset, no OFFSET), but the
 * queue sorts on three keys (due date, open flags, card id), one more than {@code PageCursor} carries.
 */
final class QueueCursor {

    private QueueCursor() {
    }

    static String encode(QueuePosition position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.dueAt() + "|" + position.openFlags() + "|" + position.cardId())
                        .getBytes(StandardCharsets.UTF_8));
    }

    static QueuePosition decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts expected");
            }
            return new QueuePosition(Instant.parse(parts[0]), Integer.parseInt(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidParameter("cursor",
                    "is not a cursor this API handed out; pass back `nextCursor` from the previous page unchanged");
        }
    }
}
