package dev.verity.verification.verifications;

import dev.verity.platform.http.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A card's history and its flags. */
@ApplicationScoped
public class HistoryRepository {

    private final EntityManager em;

    HistoryRepository(EntityManager em) {
        this.em = em;
    }

    public void add(HistoryEntry entry) {
        em.persist(entry);
    }

    public void add(VerificationFlag flag) {
        em.persist(flag);
    }

    /** Newest first; {@code before} continues after the last entry of the previous page. */
    public List<HistoryEntry> page(UUID cardId, PageCursor before, int limit) {
        String where = before == null ? ""
                : " and h.seq < (select h2.seq from HistoryEntry h2 where h2.id = :id and h2.cardId = :card)";
        var query = em.createQuery("from HistoryEntry h where h.cardId = :card" + where + " order by h.seq desc",
                HistoryEntry.class).setParameter("card", cardId).setMaxResults(limit);
        if (before != null) {
            query.setParameter("id", before.id());
        }
        return query.getResultList();
    }

    public List<VerificationFlag> openFlags(UUID cardId) {
        return em.createQuery("from VerificationFlag f where f.cardId = :card and f.resolvedAt is null"
                + " order by f.flaggedAt, f.id", VerificationFlag.class).setParameter("card", cardId).getResultList();
    }

    public int resolveFlags(UUID cardId, String by, Instant at) {
        return em.createQuery("update VerificationFlag f set f.resolvedAt = :at, f.resolvedBy = :by"
                + " where f.cardId = :card and f.resolvedAt is null")
                .setParameter("at", at).setParameter("by", by).setParameter("card", cardId).executeUpdate();
    }
}
