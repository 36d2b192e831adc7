package dev.verity.search.popularity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The {@code card_popularity} rows, and the clicks and usage reports ({@code card_usage}) they are computed from. */
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
     * Cards whose popularity as computed now differs from the popularity stored: newly clicked or viewed ones, and ones
     * whose clicks left the window (down to 0). Popularity is people, not clicks (one person opening a card daily does
     * not make it popular): the larger of the distinct people who opened it from a search since {@code since} and the
     * distinct people who viewed it (card-service's last usage report; a click leads to a view, so the two overlap and
     * are not added), plus {@code linkWeight} for each helpdesk ticket linked to it.
     */
    @Transactional
    public List<Change> changedSince(Instant since, int linkWeight, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH counted AS (
                    SELECT c.card_id, count(DISTINCT s.searcher) AS people
                      FROM search_click c JOIN search_log s ON s.id = c.search_id
                     WHERE c.clicked_at >= ?1
                     GROUP BY c.card_id),
                computed AS (
                    SELECT COALESCE(counted.card_id, u.card_id) AS card_id,
                           GREATEST(COALESCE(counted.people, 0), COALESCE(u.unique_viewers, 0))
                               + ?3 * COALESCE(u.links, 0) AS popularity
                      FROM counted FULL JOIN card_usage u ON u.card_id = counted.card_id)
                SELECT COALESCE(computed.card_id, p.card_id), COALESCE(computed.popularity, 0)
                  FROM computed FULL JOIN card_popularity p ON p.card_id = computed.card_id
                 WHERE COALESCE(computed.popularity, 0) <> COALESCE(p.popularity, 0)
                 ORDER BY 1 LIMIT ?2""")
                .setParameter(1, since.atOffset(ZoneOffset.UTC)).setParameter(2, limit).setParameter(3, linkWeight)
                .getResultList();
        return rows.stream().map(r -> new Change((UUID) r[0], ((Number) r[1]).intValue())).toList();
    }

    /**
     * Keeps card-service's latest usage report of the card: an older one arriving late changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveUsage(UUID cardId, long uniqueViewers, long links, Instant reportedAt) {
        em.createNativeQuery("""
                INSERT INTO card_usage AS u (card_id, unique_viewers, links, reported_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (card_id) DO UPDATE SET unique_viewers = EXCLUDED.unique_viewers, links = EXCLUDED.links,
                    reported_at = EXCLUDED.reported_at
                 WHERE u.reported_at < EXCLUDED.reported_at""")
                .setParameter(1, cardId).setParameter(2, (int) Math.min(uniqueViewers, Integer.MAX_VALUE))
                .setParameter(3, (int) Math.min(links, Integer.MAX_VALUE))
                .setParameter(4, reportedAt.atOffset(ZoneOffset.UTC)).executeUpdate();
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
