package dev.verity.notification.chat;

import dev.verity.notification.inbox.Notification;
import dev.verity.notification.links.CardLinks;
import dev.verity.platform.jdbc.TextArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
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

    /**
     * One message for each notification (with its {@code eventId} set) whose recipient has set a chat webhook: the
     * webhooks in one query, the messages in one insert; a message whose dedupe key is taken (a redelivery) is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifications(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Set<String> withWebhook = new HashSet<>();
        ChatWebhook.<ChatWebhook>list("userId in ?1",
                notifications.stream().map(n -> n.recipientId).distinct().toList())
                .forEach(webhook -> withWebhook.add(webhook.userId));
        List<Notification> messages = notifications.stream().filter(n -> {
            boolean has = withWebhook.contains(n.recipientId);
            if (!has) {
                LOG.debugf("%s has no chat webhook; no chat message for event %s", n.recipientId, n.eventId);
            }
            return has;
        }).toList();
        if (messages.isEmpty()) {
            return;
        }
        String[][] columns = new String[5][messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            Notification n = messages.get(i);
            columns[0][i] = UUID.randomUUID().toString();
            columns[1][i] = "event:" + n.eventId + ":" + n.recipientId;
            columns[2][i] = n.recipientId;
            columns[3][i] = n.type.name();
            columns[4][i] = ChatMessage.of(n.title, n.message, links.of(n.cardId));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                    INSERT INTO chat_delivery (id, dedupe_key, recipient_id, type, payload, status, attempts, created_at,
                                               next_attempt_at)
                    SELECT id::uuid, dedupe_key, recipient_id, type, payload, 'PENDING', 0, ?, ?
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                           AS t(id, dedupe_key, recipient_id, type, payload)
                    ON CONFLICT (dedupe_key) DO NOTHING""", List.of(at, at), columns, PreparedStatement::executeUpdate));
    }
}
