package dev.verity.notification.domain;

import dev.verity.events.CardEvent;
import dev.verity.events.CommentEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One in-app message for one user. Only its recipient ever sees it. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    static final int TITLE_LENGTH = 300;
    /** How much of a comment a mention quotes. */
    static final int EXCERPT_LENGTH = 200;

    @Id
    public UUID id;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationType type;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "card_version", nullable = false)
    public long cardVersion;

    /** The comment it is about, for MENTIONED notifications (so a client can link to it); null otherwise. */
    @Column(name = "comment_id")
    public UUID commentId;

    @Column(nullable = false, length = TITLE_LENGTH)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String message;

    /** When the change that caused it happened (the event's {@code occurredAt}), not when we processed it. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    /**
     * Tells {@code recipientId} they now verify the event's card, themselves or as a member of the verifying group.
     *
     * @param cardCreated whether the card was just created (rather than changed to name a new verifier)
     * @param groupName   the verifying group's name when the recipient is told as one of its members, else null
     */
    public static Notification verificationAssigned(String recipientId, CardEvent event, boolean cardCreated,
            String groupName) {
        Notification notification = about(recipientId, NotificationType.VERIFICATION_ASSIGNED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        notification.title = "You verify “" + event.card().title() + "”";
        String who = recipientId.equals(event.actorId()) ? "You" : event.actorId();
        String verifier = groupName == null ? "you are" : "your group " + groupName + " is";
        String what = cardCreated ? " created a card " + verifier + " the verifier of"
                : " changed a card " + verifier + " now the verifier of";
        LocalDate verifyOn = event.card().verifyOn();
        String due = verifyOn != null ? "by " + verifyOn : every(event.card().verificationIntervalDays());
        notification.message = who + what + "; it is due for verification " + due + ".";
        return notification;
    }

    /**
     * Tells {@code recipientId} that a comment on a card mentions them.
     *
     * @param actorName how to call whoever wrote or edited the comment (their directory name, or their id)
     * @param edited    whether the mention came with an edit rather than with a new comment
     */
    public static Notification mentioned(String recipientId, CommentEvent event, String actorName, boolean edited) {
        Notification notification = about(recipientId, NotificationType.MENTIONED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        notification.commentId = event.comment().id();
        notification.title = abbreviate("You were mentioned on “" + event.cardTitle() + "”", TITLE_LENGTH);
        notification.message = actorName + (edited ? " mentioned you in an edited comment: “" : " mentioned you: “")
                + abbreviate(event.comment().body().strip().replaceAll("\\s+", " "), EXCERPT_LENGTH) + "”";
        return notification;
    }

    private static Notification about(String recipientId, NotificationType type, UUID cardId, long cardVersion,
            Instant occurredAt) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.recipientId = recipientId;
        notification.type = type;
        notification.cardId = cardId;
        notification.cardVersion = cardVersion;
        notification.createdAt = occurredAt;
        return notification;
    }

    /** Idempotent: marking an already read notification keeps the time it was first read. */
    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String every(int days) {
        return days == 1 ? "every day" : "every " + days + " days";
    }
}
