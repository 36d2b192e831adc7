package dev.verity.card.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The last version of every removed user or group ({@code directory_tombstone}, a table without an entity). A
 * principal created again under a removed id continues its version sequence: consumers keep the highest version they
 * saw per id and would ignore a new "version 1" as stale.
 */
@ApplicationScoped
public class TombstoneRepository {

    private final EntityManager em;

    TombstoneRepository(EntityManager em) {
        this.em = em;
    }

    /** The version a principal created under {@code id} starts with: 1, or one past its removal. */
    public long firstVersion(String id) {
        List<?> last = em.createNativeQuery("SELECT version FROM directory_tombstone WHERE principal_id = :id")
                .setParameter("id", id).getResultList();
        return last.isEmpty() ? 1 : ((Number) last.get(0)).longValue() + 1;
    }

    public void record(String id, long version) {
        em.createNativeQuery("INSERT INTO directory_tombstone (principal_id, version) VALUES (:id, :version)"
                        + " ON CONFLICT (principal_id) DO UPDATE SET version = EXCLUDED.version")
                .setParameter("id", id).setParameter("version", version).executeUpdate();
    }
}
