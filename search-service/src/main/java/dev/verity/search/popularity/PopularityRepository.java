package dev.verity.search.popularity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The {@code card_popularity} rows, and the counts of the clicks they are computed from. */
@ApplicationScoped
public class PopularityRepository {

    /** A card whose popularity is no longer what its document holds. */
    public record Change(UUID cardId, int popularity) {
    }

    private final EntityManager em;

    PopularityRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Cards whose count of distinct people who opened them from a search since {@code since} differs from the
     * popularity stored: newly clicked ones, and ones whose clicks left the window (down to 0). Distinct people, not
     * clicks: one person opening a card daily does not make it popular.
     */
    @Transactional
    public List<Change> changedSince(Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH counted AS (
                    SELECT c.card_id, count(DISTINCT s.searcher) AS people
                      FROM search_click c JOIN search_log s ON s.id = c.search_id
                     WHERE c.clicked_at >= ?1
                     GROUP BY c.card_id)
                SELECT COALESCE(counted.card_id, p.card_id), COALESCE(counted.people, 0)
                  FROM counted FULL JOIN card_popularity p ON p.card_id = counted.card_id
                 WHERE COALESCE(counted.people, 0) <> COALESCE(p.popularity, 0)
                 ORDER BY 1 LIMIT ?2""")
                .setParameter(1, since.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Change((UUID) r[0], ((Number) r[1]).intValue())).toList();
    }

    /** Stores the card's new popularity (a card back at 0 keeps no row). The caller holds the card's row lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(UUID cardId, int popularity, Instant now) {
        if (popularity == 0) {
            em.createNativeQuery("DELETE FROM card_popularity WHERE card_id = ?1").setParameter(1, cardId)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("""
                INSERT INTO card_popularity (card_id, popularity, updated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (card_id) DO UPDATE SET popularity = EXCLUDED.popularity, updated_at = EXCLUDED.updated_at""")
                .setParameter(1, cardId).setParameter(2, popularity).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
