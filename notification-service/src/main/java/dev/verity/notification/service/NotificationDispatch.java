package dev.verity.notification.service;

import dev.verity.notification.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * Stores the notifications one event causes, at most one per (event, recipient) whatever redelivers the event: the
 * unique index on {@code (event_id, recipient_id)} is the last line behind the platform inbox (a second consumer
 * name, a replay after an inbox purge), and a conflict is skipped rather than failing the event.
 */
@ApplicationScoped
public class NotificationDispatch {

    private final EntityManager em;

    NotificationDispatch(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores one notification per recipient of {@code byRecipient} for event {@code eventId}. Recipients are taken
     * in id order: each takes its recipient's sequence row lock (V3__who_hears_what.sql), and one order for every
     * transaction keeps two events with overlapping recipients from deadlocking.
     *
     * @return the notifications stored now (not those an earlier delivery of the event stored)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> deliver(String eventId, Map<String, Notification> byRecipient) {
        return byRecipient.values().stream()
                .sorted(Comparator.comparing(n -> n.recipientId))
                .filter(notification -> store(eventId, notification))
                .toList();
    }

    private boolean store(String eventId, Notification notification) {
        notification.eventId = eventId;
        Object seq = em.createNativeQuery("""
                WITH next AS (
                    INSERT INTO recipient_sequence AS s (recipient_id, last_seq) VALUES (?1, 1)
                    ON CONFLICT (recipient_id) DO UPDATE SET last_seq = s.last_seq + 1
                    RETURNING last_seq)
                INSERT INTO notification (id, recipient_id, type, card_id, card_version, comment_id, title, message,
                                          created_at, read_at, event_id, seq)
                SELECT ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, next.last_seq FROM next
                ON CONFLICT (event_id, recipient_id) DO NOTHING
                RETURNING seq""")
                .setParameter(1, notification.recipientId)
                .setParameter(2, notification.id)
                .setParameter(3, notification.type.name())
                .setParameter(4, notification.cardId)
                .setParameter(5, notification.cardVersion)
                .unwrap(NativeQuery.class)
                .setParameter(6, notification.commentId, UUID.class)
                .setParameter(7, notification.title)
                .setParameter(8, notification.message)
                .setParameter(9, notification.createdAt.atOffset(ZoneOffset.UTC))
                .setParameter(10, eventId)
                .getResultList().stream().findFirst().orElse(null);
        if (seq == null) {
            return false;
        }
        notification.seq = ((Number) seq).longValue();
        return true;
    }
}
