package dev.verity.notification.chat;

import dev.verity.notification.delivery.DeliveryTableRepository;
import dev.verity.notification.delivery.DeliveryWakeups;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code chat_delivery} table: messages written down by {@link ChatOutbox}, claimed (with the URL each goes to
 * now) and recorded by the queue.
 */
@Singleton
public class ChatDeliveryRepository extends DeliveryTableRepository<ChatPost> {

    /** The columns a message fills, in order, and where each value comes from. */
    private static final LinkedHashMap<String, Function<NewMessage, String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("dedupe_key", NewMessage::dedupeKey);
        COLUMNS.put("recipient_id", NewMessage::recipientId);
        COLUMNS.put("type", NewMessage::type);
        COLUMNS.put("payload", NewMessage::payload);
    }

    /** One message to write down: one per (event, recipient) by its dedupe key. */
    public record NewMessage(String dedupeKey, String recipientId, String type, String payload) {
    }

    ChatDeliveryRepository(EntityManager em, DeliveryWakeups wakeups) {
        super(em, "chat_delivery", wakeups);
    }

    /** One multi-row insert; a message whose dedupe key is taken (a redelivery) is skipped. */
    public void insert(List<NewMessage> messages, Instant now) {
        insertPending(messages, COLUMNS, now);
    }

    /** The claimed messages with the URL each goes to now (null: the user removed their webhook). */
    @Override
    protected List<ChatPost> load(List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.id, d.recipient_id, d.type, d.payload, d.attempts, w.webhook_url FROM chat_delivery d
                LEFT JOIN chat_webhook w ON w.user_id = d.recipient_id WHERE d.id IN (?1)""")
                .setParameter(1, ids)
                .getResultList();
        return rows.stream().map(row -> new ChatPost((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).intValue(), (String) row[5])).toList();
    }
}
