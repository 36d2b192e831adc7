package dev.verity.card.imports;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Queries on the items of import jobs. */
@ApplicationScoped
public class ImportItemRepository implements PanacheRepositoryBase<ImportItem, ImportItem.Key> {

    /** The job's next {@code size} items still pending, in order. */
    public List<ImportItem> pending(UUID jobId, int size) {
        return find("from ImportItem where jobId = :job and outcome = :pending order by position",
                Parameters.with("job", jobId).and("pending", ImportItem.Outcome.PENDING)).page(0, size).list();
    }

    /** The job's items after {@code afterPosition}, in order, optionally only those with one outcome. */
    public List<ImportItem> page(UUID jobId, ImportItem.Outcome outcome, int afterPosition, int limit) {
        Parameters params = Parameters.with("job", jobId).and("after", afterPosition);
        if (outcome != null) {
            params.and("outcome", outcome);
        }
        return find("from ImportItem where jobId = :job and position > :after"
                + (outcome == null ? "" : " and outcome = :outcome") + " order by position", params)
                .page(0, limit).list();
    }

    /** Fails every item of the job still pending with {@code reason}; returns how many. */
    public int failPending(UUID jobId, String reason) {
        return getEntityManager().createQuery("update ImportItem set outcome = :failed, error = :reason, payload = null"
                        + " where jobId = :job and outcome = :pending")
                .setParameter("failed", ImportItem.Outcome.FAILED).setParameter("reason", reason)
                .setParameter("job", jobId).setParameter("pending", ImportItem.Outcome.PENDING).executeUpdate();
    }

    /** Writes the items now and lets go of them, so a long upload does not keep them all in memory. */
    public void flushAndDetach(List<ImportItem> items) {
        flush();
        items.forEach(getEntityManager()::detach);
    }
}
