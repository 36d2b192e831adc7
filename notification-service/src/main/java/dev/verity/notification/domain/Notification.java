package dev.verity.notification.domain;

import dev.verity.events.CardEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One in-app message for one user. Only its recipient ever sees it. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

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

    @Column(nullable = false, length = 300)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String message;

    /** When the change that caused it happened (the event's {@code occurredAt}), not when we processed it. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    /**
     * Tells {@code recipientId} they now verify the event's card.
     *
     * @param cardCreated whether the card was just created (rather than changed to name a new verifier)
     */
    public static Notification verificationAssigned(String recipientId, CardEvent event, boolean cardCreated) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.recipientId = recipientId;
        notification.type = NotificationType.VERIFICATION_ASSIGNED;
        notification.cardId = event.cardId();
        notification.cardVersion = event.cardVersion();
        notification.title = "You verify “" + event.card().title() + "”";
        String who = recipientId.equals(event.actorId()) ? "You" : event.actorId();
        String what = cardCreated ? " created a card you are the verifier of"
                : " changed a card you are now the verifier of";
        notification.message = who + what + "; it is due for verification "
                + every(event.card().verificationIntervalDays()) + ".";
        notification.createdAt = event.occurredAt();
        return notification;
    }

    /** Idempotent: marking an already read notification keeps the time it was first read. */
    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    private static String every(int days) {
        return days == 1 ? "every day" : "every " + days + " days";
    }
}
