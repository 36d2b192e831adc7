package dev.verity.verification.trust;

import dev.verity.platform.access.ReadScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Verified and live card counts: now from the records, for past days from the history. */
@ApplicationScoped
public class TrustScoreRepository {

    /** Counts of one collection now. */
    public record CollectionCount(UUID collectionId, long verified, long live) {
    }

    /** Counts at the end of one day (UTC). */
    public record DayCount(LocalDate day, long verified, long live) {
    }

    private final EntityManager em;

    TrustScoreRepository(EntityManager em) {
        this.em = em;
    }

    /** Live (ACTIVE) cards per readable collection, and how many of them are VERIFIED; one collection when given. */
    @SuppressWarnings("unchecked")
    public List<CollectionCount> now(UUID collectionId, ReadScope scope) {
        Query query = em.createNativeQuery("SELECT r.collection_id, count(*) FILTER (WHERE r.status = 'VERIFIED'),"
                + " count(*) FROM verification_record r WHERE r.state = 'ACTIVE' AND "
                + scope.sqlCondition("r.collection_id") + (collectionId == null ? "" : " AND r.collection_id = :collection")
                + " GROUP BY r.collection_id ORDER BY r.collection_id");
        if (collectionId != null) {
            query.setParameter("collection", collectionId);
        }
        scope.bind(query);
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new CollectionCount((UUID) row[0], ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue())).toList();
    }

    /**
     * For each day from {@code from} to {@code to}: every card's last history entry before that day ended (its
     * status, liveness and collection then), counted over the readable collections (or the one given). The cost
     * grows with days × history of those collections; the range is bounded by the caller.
     */
    @SuppressWarnings("unchecked")
    public List<DayCount> daily(UUID collectionId, LocalDate from, LocalDate to, ReadScope scope) {
        String readable = "(SELECT x.id FROM (SELECT c.id FROM access_collection c WHERE NOT c.deleted AND "
                + scope.sqlCondition("c.id") + (collectionId == null ? "" : " AND c.id = :collection") + ") x)";
        Query query = em.createNativeQuery("""
                SELECT CAST(d.day AS date),
                       count(s.card_id) FILTER (WHERE s.status_after = 'VERIFIED' AND s.live_after),
                       count(s.card_id) FILTER (WHERE s.live_after)
                  FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') AS d(day)
                  LEFT JOIN LATERAL (
                        SELECT DISTINCT ON (h.card_id) h.card_id, h.collection_id, h.status_after, h.live_after
                          FROM verification_history h
                         WHERE h.at < d.day + interval '1 day'
                           AND h.card_id IN (SELECT h2.card_id FROM verification_history h2
                                              WHERE h2.collection_id IN SCOPE)
                         ORDER BY h.card_id, h.seq DESC) s ON s.collection_id IN SCOPE
                 GROUP BY d.day ORDER BY d.day""".replace("SCOPE", readable))
                .setParameter("from", from).setParameter("to", to);
        if (collectionId != null) {
            query.setParameter("collection", collectionId);
        }
        scope.bind(query);
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new DayCount(toDate(row[0]), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue())).toList();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
