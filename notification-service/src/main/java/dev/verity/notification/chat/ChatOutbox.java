package dev.verity.notification.chat;

import dev.verity.notification.inbox.Notification;
import dev.verity.notification.links.CardLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes chat messages down in the transaction that decides them; {@link ChatSender} posts them afterwards. As with
 * email, a retried consumer transaction never posts and a committed one never loses its message; the dedupe key
 * keeps each (event, recipient) to one message.
 */
@ApplicationScoped
public class ChatOutbox {

    private static final Logger LOG = Logger.getLogger(ChatOutbox.class);

    private final EntityManager em;
    private final CardLinks links;
    private final Clock clock;

    ChatOutbox(EntityManager em, CardLinks links, Clock clock) {
        this.em = em;
        this.links = links;
        this.clock = clock;
    }

    /** One message for one notification, if its recipient has set a chat webhook. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notification(String eventId, Notification notification) {
        if (ChatWebhook.findById(notification.recipientId) == null) {
            LOG.debugf("%s has no chat webhook; no chat message for event %s", notification.recipientId, eventId);
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                INSERT INTO chat_delivery (id, dedupe_key, recipient_id, type, payload, status, attempts, created_at,
                                           next_attempt_at)
                VALUES (?1, ?2, ?3, ?4, ?5, 'PENDING', 0, ?6, ?6)
                ON CONFLICT (dedupe_key) DO NOTHING""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, "event:" + eventId + ":" + notification.recipientId)
                .setParameter(3, notification.recipientId)
                .setParameter(4, notification.type.name())
                .setParameter(5, ChatMessage.of(notification.title, notification.message,
                        links.of(notification.cardId)))
                .setParameter(6, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
