package dev.verity.notification.inbox;

import dev.verity.platform.jdbc.TextArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

/** The inbox's writes that Panache cannot say: a batch of notifications numbered per recipient, in two statements. */
@ApplicationScoped
public class NotificationRepository {

    private final EntityManager em;

    NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores notifications (each with its {@code eventId} set) under their recipients' next sequence numbers: one
     * upsert moves each recipient's sequence on by how many notifications they get (in recipient id order, the lock
     * order of every transaction here), one multi-row insert stores them, numbered in list order per recipient,
     * skipping each (event, recipient) stored already (its number is left unused: numbers only need to rise).
     * Returns the notifications stored now, with their numbers; their recipients' live streams are woken on commit.
     */
    public List<Notification> storeAll(List<Notification> notifications) {
        Map<String, Integer> counts = new TreeMap<>();
        notifications.forEach(n -> counts.merge(n.recipientId, 1, Integer::sum));
        return em.unwrap(Session.class).doReturningWork(connection -> {
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
            TextArrays.execute(connection, """
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
            signal(connection, stored);
            return stored;
        });
    }

    /**
     * Tells every instance's live streams whose recipients got a notification ({@link InboxSignalRepository}): one
     * {@code NOTIFY} per recipient, sent by PostgreSQL when this transaction commits (and never if it rolls back).
     */
    private static void signal(Connection connection, List<Notification> stored) throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        String[][] recipients = {stored.stream().map(n -> n.recipientId).distinct().toArray(String[]::new)};
        TextArrays.execute(connection, "SELECT pg_notify(?, recipient) FROM unnest(?::text[]) AS t(recipient)",
                List.of(InboxSignalRepository.CHANNEL), recipients, PreparedStatement::execute);
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

    /** The number of the recipient's newest notification, 0 when they have none. */
    public long lastSeq(String recipientId) {
        Number last = (Number) em
                .createNativeQuery("SELECT last_seq FROM recipient_sequence WHERE recipient_id = ?1")
                .setParameter(1, recipientId).getResultStream().findFirst().orElse(0L);
        return last.longValue();
    }
}
