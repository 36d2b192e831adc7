package dev.verity.notification.inbox;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.jdbc.TextArrays;
import dev.verity.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/** The in-app inbox: notifications stored for their recipient, read and acknowledged by them alone. */
@ApplicationScoped
public class InboxService {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Clock clock;

    InboxService(Clock clock) {
        this.clock = clock;
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
        if (notifications.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> counts = new TreeMap<>();
        notifications.forEach(n -> counts.merge(n.recipientId, 1, Integer::sum));
        return Notification.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Map<String, Long> last = advanceSequences(connection, counts);
            Map<String, Long> next = new HashMap<>();
            last.forEach((recipient, seq) -> next.put(recipient, seq - counts.get(recipient) + 1));
            int size = notifications.size();
            String[][] columns = new String[11][size];
            for (int i = 0; i < size; i++) {
                Notification n = notifications.get(i);
                n.seq = next.merge(n.recipientId, 1L, Long::sum) - 1;
                columns[0][i] = n.id.toString();
                columns[1][i] = n.recipientId;
                columns[2][i] = n.type.name();
                columns[3][i] = n.cardId == null ? null : n.cardId.toString();
                columns[4][i] = n.cardVersion == null ? null : n.cardVersion.toString();
                columns[5][i] = n.commentId == null ? null : n.commentId.toString();
                columns[6][i] = n.title;
                columns[7][i] = n.message;
                columns[8][i] = n.createdAt.toString();
                columns[9][i] = n.eventId;
                columns[10][i] = Long.toString(n.seq);
            }
            Map<UUID, Notification> byId = new HashMap<>();
            notifications.forEach(n -> byId.put(n.id, n));
            List<Notification> stored = new ArrayList<>();
            return TextArrays.execute(connection, """
                    INSERT INTO notification (id, recipient_id, type, card_id, card_version, comment_id, title, message,
                                              created_at, read_at, event_id, seq)
                    SELECT id::uuid, recipient, type, card::uuid, version::bigint, comment::uuid, title, message,
                           at::timestamptz, NULL, event, seq::bigint
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                  ?::text[], ?::text[], ?::text[], ?::text[])
                           AS t(id, recipient, type, card, version, comment, title, message, at, event, seq)
                    ON CONFLICT (event_id, recipient_id) DO NOTHING
                    RETURNING id""", List.of(), columns, insert -> {
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        stored.add(byId.get(rows.getObject(1, UUID.class)));
                    }
                }
                return stored;
            });
        });
    }

    /** Moves each recipient's sequence on by their count; returns each one's new last number. */
    private static Map<String, Long> advanceSequences(Connection connection, Map<String, Integer> counts)
            throws SQLException {
        Array recipients = connection.createArrayOf("varchar", counts.keySet().toArray());
        Array increments = connection.createArrayOf("bigint",
                counts.values().stream().map(Integer::longValue).toArray());
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO recipient_sequence AS s (recipient_id, last_seq)
                SELECT recipient, n FROM unnest(?::varchar[], ?::bigint[]) AS t(recipient, n) ORDER BY recipient
                ON CONFLICT (recipient_id) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
                RETURNING recipient_id, last_seq""")) {
            upsert.setArray(1, recipients);
            upsert.setArray(2, increments);
            Map<String, Long> last = new HashMap<>();
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    last.put(rows.getString(1), rows.getLong(2));
                }
            }
            return last;
        } finally {
            recipients.free();
            increments.free();
        }
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
