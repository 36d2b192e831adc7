package dev.verity.card.announcements;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An announcement as the API shows it; what only authors see is null for a recipient. */
@Schema(name = "Announcement")
public record AnnouncementResponse(
        UUID id,
        UUID cardId,
        @Schema(example = "How do I issue a refund?") String cardTitle,
        @Schema(description = "The card's current version", example = "4") long cardVersion,
        @Schema(example = "alice") String authorId,
        @Schema(description = "The author's message; null when none. Plain text, shown as written: escape it before putting it into HTML", nullable = true, example = "Refunds take 14 days now, please read before your next shift.") String message,
        @Schema(description = "The users it was addressed to", example = "[\"bob\"]") List<String> userIds,
        @Schema(description = "The directory groups it was addressed to; their members are recipients", example = "[\"support\"]") List<String> groupIds,
        @Schema(description = "1, then one more for each renewal (everyone acknowledges again)", example = "1") int round,
        @Schema(description = "The card version recipients are asked to acknowledge", example = "4") long announcedVersion,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "When recipients were last reminded; null when never (this round)", nullable = true) Instant lastRemindedAt,
        @Schema(description = "Authors only: from when the next reminder is allowed; null when one may be sent now", nullable = true) Instant nextReminderAt,
        @Schema(description = "Authors only: recipients who may read the card", nullable = true, example = "12") Integer recipientCount,
        @Schema(description = "Authors only: how many of them acknowledged this round", nullable = true, example = "9") Integer acknowledgedCount,
        @Schema(description = "Authors only: how many of them have not", nullable = true, example = "3") Integer pendingCount,
        @Schema(description = "Authors only, on `GET /announcements/{id}` and right after a change: every recipient in id order (null in lists)", nullable = true) List<RecipientResponse> recipients,
        @Schema(description = "Whether the caller is a recipient who acknowledged this round (null: the caller is no recipient)", nullable = true, example = "false") Boolean acknowledged,
        @Schema(description = "When the caller acknowledged this round; null when not (yet)", nullable = true) Instant acknowledgedAt) {

    @Schema(name = "AnnouncementRecipient")
    public record RecipientResponse(@Schema(example = "bob") String userId,
            @Schema(description = "When they acknowledged this round; null when not yet", nullable = true) Instant acknowledgedAt,
            @Schema(description = "Whether they may still read the card; one who may not is neither counted nor reminded", example = "true") boolean canRead) {
    }

    @Schema(name = "AnnouncementList")
    public record Page(List<AnnouncementResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    static AnnouncementResponse of(AnnouncementView view) {
        Announcement a = view.announcement();
        AnnouncementRepository.Counts counts = view.counts();
        return new AnnouncementResponse(a.id, a.cardId, view.cardTitle(), view.cardVersion(), a.authorId, a.message,
                List.copyOf(a.userIds), List.copyOf(a.groupIds), a.round, a.announcedVersion, a.createdAt,
                a.updatedAt, a.lastRemindedAt, view.nextReminderAt(),
                counts == null ? null : counts.recipients(), counts == null ? null : counts.acknowledged(),
                counts == null ? null : counts.recipients() - counts.acknowledged(),
                view.recipients() == null ? null : view.recipients().stream()
                        .map(r -> new RecipientResponse(r.userId(), r.acknowledgedAt(), r.canRead())).toList(),
                view.received() == null ? null : view.received().acknowledgedAt() != null,
                view.received() == null ? null : view.received().acknowledgedAt());
    }
}
