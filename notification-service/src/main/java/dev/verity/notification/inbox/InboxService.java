package dev.verity.notification.inbox;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/** The in-app inbox: notifications stored for their recipient, read and acknowledged by them alone. */
@ApplicationScoped
public class InboxService {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Clock clock;

    InboxService(Clock clock) {
        this.clock = clock;
    }

    /**
     * Stores one notification of event {@code eventId} under its recipient's next sequence number; false when the
     * event told them already (a redelivery).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean store(String eventId, Notification notification) {
        notification.eventId = eventId;
        Object seq = Notification.getEntityManager().createNativeQuery("""
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
                .unwrap(NativeQuery.class)
                .setParameter(4, notification.cardId, UUID.class) // typed: null for a notification about no card
                .setParameter(5, notification.cardVersion, Long.class)
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

    /**
     * A page of the recipient's notifications, newest first, after {@code cursor} (null: from the newest);
     * {@code unread} null means read and unread alike.
     */
    public List<Notification> list(String recipientId, Boolean unread, PageCursor cursor, int limit) {
        StringBuilder where = new StringBuilder("recipientId = :recipient");
        Parameters parameters = Parameters.with("recipient", recipientId);
        if (unread != null) {
            where.append(unread ? " and readAt is null" : " and readAt is not null");
        }
        if (cursor != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", cursor.at()).and("id", cursor.id());
        }
        return Notification.<Notification>find(where.toString(), NEWEST_FIRST, parameters).page(0, limit).list();
    }

    /**
     * The recipient's notifications numbered after {@code seq}, oldest first: what a live stream has not sent yet.
     * Numbers follow commit order (V3__who_hears_what.sql), so nothing committed later can sort before them.
     */
    @Transactional
    public List<Notification> after(String recipientId, long seq, int limit) {
        return Notification.<Notification>find("recipientId = ?1 and seq > ?2", Sort.ascending("seq"), recipientId, seq)
                .page(0, limit).list();
    }

    /** The number of the recipient's newest notification, 0 when they have none: where a fresh stream starts. */
    @Transactional
    public long lastSeq(String recipientId) {
        Number last = (Number) Notification.getEntityManager()
                .createNativeQuery("SELECT last_seq FROM recipient_sequence WHERE recipient_id = ?1")
                .setParameter(1, recipientId).getResultStream().findFirst().orElse(0L);
        return last.longValue();
    }

    public long unreadCount(String recipientId) {
        return Notification.count("recipientId = ?1 and readAt is null", recipientId);
    }

    /** Someone else's notification is "not found" too: its existence is nobody else's business. */
    @Transactional
    public Notification markRead(String recipientId, UUID id) {
        Notification notification = Notification.findById(id);
        if (notification == null || !notification.recipientId.equals(recipientId)) {
            throw ProblemException.notFound("notification", id);
        }
        notification.markRead(now());
        return notification;
    }

    /** Returns how many were unread. */
    @Transactional
    public int markAllRead(String recipientId) {
        return Notification.update("readAt = ?1 where recipientId = ?2 and readAt is null", now(), recipientId);
    }

    /** PostgreSQL keeps microseconds: truncating here makes the first answer equal every later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
