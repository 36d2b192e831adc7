package dev.verity.notification.inbox;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The in-app inbox: notifications stored for their recipient, read and acknowledged by them alone. */
@ApplicationScoped
public class InboxService {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Clock clock;
    private final NotificationRepository repository;

    InboxService(Clock clock, NotificationRepository repository) {
        this.clock = clock;
        this.repository = repository;
    }

    /**
     * Stores notifications (each with its {@code eventId} set) under their recipients' next sequence numbers, in two
     * statements whatever their number: one upsert moves each recipient's sequence on by how many notifications they get (in recipient id
     * order, the lock order of every transaction here), one multi-row insert stores them, numbered in list order per
     * recipient, skipping each (event, recipient) told already (a redelivery; its number is left unused:
     * numbers only need to rise). Returns the notifications stored now, with their numbers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> storeAll(List<Notification> notifications) {
        return notifications.isEmpty() ? List.of() : repository.storeAll(notifications);
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
        return repository.lastSeq(recipientId);
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
