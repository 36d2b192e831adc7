package dev.verity.notification.email;

import dev.verity.notification.delivery.DeliveryQueue;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One email to send: written where it is decided, sent later by {@link EmailSender} (its status is the queue's). */
@Entity
@Table(name = "email_delivery")
public class EmailDelivery extends PanacheEntityBase implements DeliveryQueue.Row {

    @Id
    public UUID id;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    @Column(nullable = false, columnDefinition = "text")
    public String address;

    @Column(nullable = false, columnDefinition = "text")
    public String subject;

    @Column(name = "text_body", nullable = false, columnDefinition = "text")
    public String textBody;

    @Column(name = "html_body", nullable = false, columnDefinition = "text")
    public String htmlBody;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    /** The Message-ID every attempt sends: a mail system that sees a re-sent email can tell it is the same one. */
    public String messageId() {
        return "<" + id + "@notification-service.verity>";
    }
}
