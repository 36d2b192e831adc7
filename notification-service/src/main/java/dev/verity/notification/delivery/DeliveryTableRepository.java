package dev.verity.notification.delivery;

import dev.verity.notification.delivery.DeliveryQueue.Outcome;
import dev.verity.notification.delivery.DeliveryQueue.Recorded;
import dev.verity.notification.delivery.DeliveryQueue.Result;
import dev.verity.platform.jdbc.TextArrays;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The {@link DeliveryQueue.Store} of a plain channel table (email, chat): due is {@code status = 'PENDING'} and
 * {@code next_attempt_at} passed; the lease is {@code next_attempt_at} moved past the sends, so a row whose sender died
 * is simply due again once it runs out. The table has the columns {@code id, status ('PENDING', 'SENT', 'PARKED'),
 * attempts, created_at, next_attempt_at, sent_at, status_code, last_error} and a unique {@code dedupe_key}
 * (V4, V51, V56). Each channel's repository extends this with its table's name, how claimed rows are read and what
 * else its rows hold.
 *
 * @param <T> what one send needs
 */
public abstract class DeliveryTableRepository<T extends DeliveryQueue.Row> implements DeliveryQueue.Store<T> {

    protected final EntityManager em;
    private final String table;
    private final DeliveryWakeups wakeups;

    /** @param table the channel's table (a constant of the code, never input) */
    protected DeliveryTableRepository(EntityManager em, String table, DeliveryWakeups wakeups) {
        this.em = em;
        this.table = table;
        this.wakeups = wakeups;
    }

    /** The channel's table: the name its queue is woken by ({@link DeliveryWakeups}). */
    public String table() {
        return table;
    }

    /** What sending the claimed rows needs, read in the claiming transaction (any order). */
    protected abstract List<T> load(List<UUID> ids);

    /**
     * Writes rows down as PENDING and due now, in one multi-row insert whatever their number; a row whose
     * {@code dedupe_key} is taken (a redelivery) is skipped. {@code columns} names the channel's own columns (one of
     * them {@code dedupe_key}) in order, each with how a row gives its value; the ids are made here.
     *
     * @param <R> what the channel writes down
     */
    protected <R> void insertPending(List<R> rows, LinkedHashMap<String, Function<R, String>> columns, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        String[][] values = new String[columns.size() + 1][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            values[0][r] = UUID.randomUUID().toString();
            int c = 1;
            for (Function<R, String> column : columns.values()) {
                values[c++][r] = column.apply(rows.get(r));
            }
        }
        String names = String.join(", ", columns.keySet());
        String arrays = String.join(", ", Collections.nCopies(values.length, "?::text[]"));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection,
                "INSERT INTO " + table + " (id, " + names + ", status, attempts, created_at, next_attempt_at)"
                        + " SELECT id::uuid, " + names + ", 'PENDING', 0, ?, ? FROM unnest(" + arrays + ")"
                        + " AS t(id, " + names + ") ON CONFLICT (dedupe_key) DO NOTHING",
                List.of(at, at), values, PreparedStatement::executeUpdate));
        wakeups.written(table);
    }

    @Override
    public List<T> claim(Instant now, int limit, DeliveryQueue.Lease lease) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT id FROM " + table
                + " WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                + " ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                .setParameter(2, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // the lease: nobody else takes these until every send of this pass has surely ended
        em.createNativeQuery("UPDATE " + table + " SET next_attempt_at = ?1 WHERE id IN (?2)")
                .setParameter(1, lease.until(ids.size()).atOffset(ZoneOffset.UTC))
                .setParameter(2, ids)
                .executeUpdate();
        Map<UUID, Integer> order = ids.stream().collect(Collectors.toMap(Function.identity(), ids::indexOf));
        return load(ids).stream().sorted(Comparator.comparing(item -> order.get(item.id()))).toList();
    }

    @Override
    public boolean record(T item, Outcome outcome, Recorded recorded) {
        if (recorded.result() == Result.SENT) {
            em.createNativeQuery("UPDATE " + table + " SET status = 'SENT', attempts = ?2, sent_at = ?3,"
                    + " status_code = ?4, last_error = NULL WHERE id = ?1")
                    .setParameter(1, item.id()).setParameter(2, recorded.attempts())
                    .setParameter(3, recorded.at().atOffset(ZoneOffset.UTC)).setParameter(4, outcome.statusCode())
                    .executeUpdate();
            return true;
        }
        boolean parked = recorded.result() == Result.PARKED;
        em.createNativeQuery("UPDATE " + table + " SET status = ?2, attempts = ?3, next_attempt_at = ?4,"
                + " status_code = ?5, last_error = ?6 WHERE id = ?1")
                .setParameter(1, item.id())
                .setParameter(2, parked ? "PARKED" : "PENDING")
                .setParameter(3, recorded.attempts())
                // a parked row keeps the time of its last attempt (the column is NOT NULL)
                .setParameter(4, (parked ? recorded.at() : recorded.nextAttemptAt()).atOffset(ZoneOffset.UTC))
                .setParameter(5, outcome.statusCode())
                .setParameter(6, outcome.error())
                .executeUpdate();
        return true;
    }
}
