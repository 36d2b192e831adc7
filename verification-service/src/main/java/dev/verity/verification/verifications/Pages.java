package dev.verity.verification.verifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Paged answers: the queue and a card's history. */
public final class Pages {

    private Pages() {
    }

    @Schema(name = "VerificationQueue", description = "Cards waiting for the caller, most overdue first, then most flagged")
    public record Queue(List<VerificationResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @Schema(name = "VerificationHistory", description = "A card's verifications, flags, expiries and policy changes, newest first")
    public record History(List<Entry> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @Schema(name = "VerificationHistoryEntry")
    public record Entry(UUID id, @Schema(example = "2026-02-02T14:30:00Z") Instant at,
            @Schema(example = "FLAGGED") HistoryKind kind, @Schema(example = "bob") String actorId,
            @Schema(description = "Why the card was unverified after this step, if it was", example = "FLAGGED")
            UnverifiedReason reason,
            @Schema(description = "Comment, flag reason or request message", example = "The refund window is 14 days now")
            String comment,
            @Schema(example = "billing-experts") String verifierId,
            @Schema(description = "The due date after this step") Instant dueAt,
            @Schema(description = "The status after this step", example = "UNVERIFIED") VerificationStatus status) {

        static Entry of(HistoryEntry entry) {
            return new Entry(entry.id, entry.at, entry.kind, entry.actorId, entry.reason, entry.comment,
                    entry.verifierId, entry.dueAt, entry.statusAfter);
        }
    }
}
