package dev.verity.notification.inbox;

import dev.verity.notification.inbox.Notification;
import dev.verity.notification.inbox.NotificationType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Notification", description = "An in-app message for the signed-in user")
public record NotificationResponse(
        @Schema(example = "5f0c2b7e-8d1a-4c33-9e0b-2a4f6d8c1e90") UUID id,
        @Schema(description = "The user it is for: always the caller", example = "vera") String recipientId,
        @Schema(description = "VERIFICATION_ASSIGNED: the user (or a group they are in) now verifies the card; MENTIONED: a comment on the card mentions them",
                example = "VERIFICATION_ASSIGNED") NotificationType type,
        @Schema(description = "The card it is about; null for WEBHOOK_DISABLED", example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId,
        @Schema(description = "The card version that caused it (for a mention: the card's version then); null for WEBHOOK_DISABLED", example = "1")
        Long cardVersion,
        @Schema(description = "For MENTIONED: the comment that mentions the user; null otherwise",
                example = "3e1d5c7a-9b2f-4d6e-8a0c-7f4b2e9d1c5a") UUID commentId,
        @Schema(example = "You verify “How do I issue a refund?”") String title,
        @Schema(example = "alice created a card you are the verifier of; it is due for verification every 90 days.")
        String message,
        @Schema(description = "When the change behind it happened", example = "2026-01-10T09:00:00Z") Instant createdAt,
        @Schema(description = "When the user first marked it read; null while unread", example = "2026-01-10T10:15:00Z")
        Instant readAt,
        @Schema(description = "Its number in the caller's inbox (1, 2, 3... in the order they were stored): the id of its event on the live stream, to pass as `Last-Event-ID`",
                example = "42") long seq) {

    static NotificationResponse of(Notification notification) {
        return new NotificationResponse(notification.id, notification.recipientId, notification.type,
                notification.cardId, notification.cardVersion, notification.commentId, notification.title,
                notification.message,
                notification.createdAt, notification.readAt, notification.seq);
    }
}
