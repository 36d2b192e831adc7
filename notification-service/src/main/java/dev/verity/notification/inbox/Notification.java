package dev.verity.notification.inbox;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CommentEvent;
import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

    /** The card it is about; null for a notification about no card (a webhook subscription switched off). */
    @Column(name = "card_id")
    public UUID cardId;

    @Column(name = "card_version")
    public Long cardVersion;

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

    /** The event that caused it: one notification per (event, recipient). Null for rows from before V3. */
    @Column(name = "event_id")
    public String eventId;

    /**
     * Its place in the recipient's inbox: 1, 2, 3... in commit order (see V3__who_hears_what.sql), the id of the
     * live stream's events. Assigned when it is stored.
     */
    @Column(nullable = false)
    public long seq;

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
     * Tells {@code recipientId} they now verify the event's card (themselves or through {@code groupName}) because its
     * verification policy named a new verifier ({@code verification.policy-changed}).
     */
    public static Notification verifierNamed(String recipientId, VerificationEvent event, String actorName,
            String groupName) {
        Notification notification = about(recipientId, NotificationType.VERIFICATION_ASSIGNED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        notification.title = abbreviate("You verify “" + event.cardTitle() + "”", TITLE_LENGTH);
        String verifier = groupName == null ? "you are" : "your group " + groupName + " is";
        String due = event.verifyOn() != null ? "by " + event.verifyOn()
                : event.intervalDays() != null ? every(event.intervalDays()) : "never (no schedule)";
        notification.message = actorName + " changed the verification policy of a card: " + verifier
                + " now its verifier; it is due for verification " + due + ".";
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

    /**
     * Tells {@code recipientId}, who verifies the event's card (themselves or through {@code groupName}), what
     * happened to its verification: expired, due soon, unverified (flagged, edited...) or re-check requested.
     *
     * @param actorName how to call whoever caused it (unused for what the service does on its own)
     * @return null for a verification event nobody is told of (verified, policy changed)
     */
    public static Notification verification(String recipientId, String type, VerificationEvent event,
            String actorName, String groupName) {
        String card = "“" + event.cardTitle() + "”";
        String yours = groupName == null ? "" : " (your group " + groupName + " verifies it)";
        String due = event.dueAt() == null ? "" : " It was due on " + LocalDate.ofInstant(event.dueAt(), ZoneOffset.UTC)
                + ".";
        NotificationType kind;
        String title;
        String message;
        switch (type) {
            case VerificationEventTypes.EXPIRED -> {
                kind = NotificationType.VERIFICATION_EXPIRED;
                title = card + " needs verification: it expired";
                message = "Its verification lapsed" + yours + "; verify it or fix it." + due;
            }
            case VerificationEventTypes.DUE_SOON -> {
                kind = NotificationType.VERIFICATION_DUE_SOON;
                title = card + " is due for verification soon";
                message = "It is due" + (event.dueAt() == null ? " soon"
                        : " on " + LocalDate.ofInstant(event.dueAt(), ZoneOffset.UTC)) + yours + ".";
            }
            case VerificationEventTypes.UNVERIFIED -> {
                kind = NotificationType.CARD_UNVERIFIED;
                title = card + " needs verification";
                message = unverifiedBecause(event, actorName) + yours + ".";
            }
            case VerificationEventTypes.REQUESTED -> {
                kind = NotificationType.VERIFICATION_REQUESTED;
                title = "Please re-check " + card;
                message = actorName + " asked for it to be verified again" + yours + quoted(event.comment());
            }
            default -> {
                return null;
            }
        }
        Notification notification = about(recipientId, kind, event.cardId(), event.cardVersion(), event.occurredAt());
        notification.title = abbreviate(title, TITLE_LENGTH);
        notification.message = message;
        return notification;
    }

    private static String unverifiedBecause(VerificationEvent event, String actorName) {
        String reason = event.reason() == null ? "" : event.reason();
        return switch (reason) {
            case UnverifiedReasons.FLAGGED -> actorName + " flagged it" + quotedInline(event.comment());
            case UnverifiedReasons.EDITED_BY_NON_VERIFIER -> actorName + " edited it; it needs verifying again";
            case UnverifiedReasons.VERIFIER_LOST_ACCESS -> "Its verifier changed: "
                    + (event.comment() == null ? "the previous one can no longer read it" : event.comment());
            default -> "It is unverified (" + reason + ")";
        };
    }

    /**
     * Tells a follower of the card that someone changed it.
     *
     * @param actorName how to call whoever changed it
     */
    public static Notification cardUpdated(String recipientId, CardEvent event, String type, String actorName) {
        Notification notification = about(recipientId, NotificationType.CARD_UPDATED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        String what = switch (type) {
            case CardEventTypes.MOVED -> "moved";
            case CardEventTypes.ARCHIVED -> "archived";
            case CardEventTypes.RESTORED -> "restored";
            case CardEventTypes.DELETED -> "deleted";
            default -> "edited";
        };
        notification.title = abbreviate("“" + event.card().title() + "” was " + what, TITLE_LENGTH);
        notification.message = actorName + " " + what + " a card you follow (now version " + event.cardVersion()
                + ").";
        return notification;
    }

    /** Tells the card's owner that someone commented on it. */
    public static Notification commented(String recipientId, CommentEvent event, String actorName) {
        Notification notification = about(recipientId, NotificationType.COMMENTED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        notification.commentId = event.comment().id();
        notification.title = abbreviate("New comment on “" + event.cardTitle() + "”", TITLE_LENGTH);
        notification.message = actorName + " commented on a card you own: “"
                + abbreviate(event.comment().body().strip().replaceAll("\\s+", " "), EXCERPT_LENGTH) + "”";
        return notification;
    }

    private static String quoted(String comment) {
        return comment == null || comment.isBlank() ? "." : ": “" + abbreviate(comment.strip().replaceAll("\\s+", " "),
                EXCERPT_LENGTH) + "”";
    }

    private static String quotedInline(String comment) {
        return comment == null || comment.isBlank() ? "" : ": “" + abbreviate(comment.strip()
                .replaceAll("\\s+", " "), EXCERPT_LENGTH) + "”";
    }

    /**
     * Tells the owner of a webhook subscription that it was switched off (failing for days, or its target answered
     * 410 Gone), with the target and the reason; it is about no card.
     */
    public static Notification webhookDisabled(String ownerId, String targetUrl, String reason, Instant disabledAt) {
        Notification notification = about(ownerId, NotificationType.WEBHOOK_DISABLED, null, null, disabledAt);
        notification.title = abbreviate("Your webhook to " + targetUrl + " was switched off", TITLE_LENGTH);
        notification.message = "Verity stopped delivering events to " + targetUrl + ": " + reason
                + ". Deliveries wait; switch the subscription on again (PUT /webhooks/subscriptions/{id}) once the"
                + " target works.";
        return notification;
    }

    /**
     * Tells an owner or verifier that nobody viewed or edited a card for long and when it will be archived, and that
     * opening or editing it keeps it.
     */
    public static Notification archiveScheduled(String recipientId, dev.verity.events.ArchiveScheduled event) {
        Notification notification = about(recipientId, NotificationType.CARD_ARCHIVE_SCHEDULED, event.cardId(),
                event.cardVersion(), event.occurredAt());
        LocalDate day = LocalDate.ofInstant(event.archiveAt(), ZoneOffset.UTC);
        notification.title = abbreviate("“" + event.cardTitle() + "” will be archived on " + day, TITLE_LENGTH);
        notification.message = "Nobody has viewed or edited “" + event.cardTitle() + "” for " + event.afterDays()
                + " days or more, so its collection archives it on " + day + ". Open or edit it before then to keep it;"
                + " an archived card can be restored.";
        return notification;
    }

    private static Notification about(String recipientId, NotificationType type, UUID cardId, Long cardVersion,
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
