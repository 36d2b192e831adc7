package dev.verity.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Idempotent consumption: a consumer records each event id in the same transaction as the effect of the event,
 * so a redelivered event is recognised and its effect not applied twice.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final Clock clock;

    Inbox(EntityManager em, Clock clock) {
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
}
