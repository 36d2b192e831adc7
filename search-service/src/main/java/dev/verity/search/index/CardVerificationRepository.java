package dev.verity.search.index;

import static dev.verity.platform.jdbc.SqlTimestamps.instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@code card_verification} rows: each card's verification state, and the per-card lock for indexing. */
@ApplicationScoped
public class CardVerificationRepository {

    /**
     * What is held for a card, with the time of the newest verification event applied (null when none) and its
     * popularity.
     */
    public record Held(VerificationState state, Instant occurredAt, int popularity) {

        public CardSignals signals() {
            return new CardSignals(state, popularity);
        }
    }

    private final EntityManager em;

    CardVerificationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks the card's row until the transaction ends (creating it if needed) and returns what it holds. Both the
     * card and the verification consumer take it before writing the card's document, so neither can overwrite the
     * other's newer write with a document built from older state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Held lock(UUID cardId) {
        em.createNativeQuery("INSERT INTO card_verification (card_id) VALUES (:card) ON CONFLICT DO NOTHING")
                .setParameter("card", cardId).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT v.status, v.verified_at, v.due_at, v.occurred_at, COALESCE(p.popularity, 0), v.reason
                  FROM card_verification v LEFT JOIN card_popularity p ON p.card_id = v.card_id
                 WHERE v.card_id = :card FOR UPDATE OF v""").setParameter("card", cardId).getSingleResult();
        return new Held(new VerificationState((String) row[0], instant(row[1]), instant(row[2]), (String) row[5]),
                instant(row[3]),
                ((Number) row[4]).intValue());
    }

    /**
     * {@link #lock} for many cards at once (a batch of the card consumer, a rebuild batch): rows created where
     * missing, then locked in card id order, so two batches never deadlock, and the verification consumer (which
     * locks one row) waits for a batch or a batch for it. Returns each card's signals.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, CardSignals> lockAll(Collection<UUID> cardIds) {
        Map<UUID, CardSignals> states = new HashMap<>();
        if (cardIds.isEmpty()) {
            return states;
        }
        String ids = cardIds.stream().sorted().map(UUID::toString).collect(Collectors.joining(","));
        em.createNativeQuery("""
                INSERT INTO card_verification (card_id)
                SELECT id FROM unnest(CAST(string_to_array(:ids, ',') AS uuid[])) AS id ORDER BY id
                ON CONFLICT DO NOTHING""").setParameter("ids", ids).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.card_id, v.status, v.verified_at, v.due_at, COALESCE(p.popularity, 0), v.reason
                  FROM card_verification v LEFT JOIN card_popularity p ON p.card_id = v.card_id
                 WHERE v.card_id = ANY (CAST(string_to_array(:ids, ',') AS uuid[])) ORDER BY v.card_id FOR UPDATE OF v""")
                .setParameter("ids", ids).getResultList();
        for (Object[] row : rows) {
            states.put(UUID.fromString(row[0].toString()), new CardSignals(
                    new VerificationState((String) row[1], instant(row[2]), instant(row[3]), (String) row[5]),
                    ((Number) row[4]).intValue()));
        }
        return states;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(UUID cardId, VerificationState state, Instant occurredAt) {
        em.createNativeQuery("""
                UPDATE card_verification SET status = :status, verified_at = :verifiedAt, due_at = :dueAt,
                       reason = :reason, occurred_at = :occurredAt WHERE card_id = :card""")
                .setParameter("status", state.status()).setParameter("reason", state.reason())
                .setParameter("verifiedAt", offset(state.verifiedAt()))
                .setParameter("dueAt", offset(state.dueAt())).setParameter("occurredAt", offset(occurredAt))
                .setParameter("card", cardId).executeUpdate();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
