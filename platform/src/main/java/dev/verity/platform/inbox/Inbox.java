package dev.verity.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;

/**
 * Idempotent consumption: a consumer records each event id in the same transaction as the effect of the event,
 * so a redelivered event is recognised and its effect not applied twice.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final Clock clock;

    /** Public so that tests of the consumer policy can keep claims in memory (a subclass). */
    public Inbox(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Claims {@code eventId} for {@code consumer}. Returns {@code false} when it was processed before: the caller
     * must then skip the effect. Must run inside the transaction that applies the effect.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, String eventId) {
        int inserted = em.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (consumer, event_id) DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, OffsetDateTime.now(clock))
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * {@link #claim} for a batch of event ids in one statement: returns the ids claimed now, leaving out those
     * processed before (and any id given twice, claimed once). Must run inside the transaction that applies the
     * effect of every returned id, so a failure rolls all the claims back together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> claimAll(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        // a real text[] parameter: event ids are whatever a publisher chose, so never spliced into a string
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Array ids = connection.createArrayOf("text", eventIds.toArray());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id, processed_at)
                    SELECT ?, id, ? FROM unnest(?::text[]) AS id
                    ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id""")) {
                insert.setString(1, consumer);
                insert.setObject(2, OffsetDateTime.now(clock));
                insert.setArray(3, ids);
                Set<String> claimed = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            } finally {
                ids.free();
            }
        });
    }
}
