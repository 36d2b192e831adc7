package dev.verity.notification.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's Slack-compatible incoming-webhook URL: where their chat messages go. */
@Entity
@Table(name = "chat_webhook")
public class ChatWebhook extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "webhook_url", nullable = false, columnDefinition = "text")
    public String webhookUrl;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
