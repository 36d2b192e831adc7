package dev.verity.card.imports;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import dev.verity.platform.jdbc.TextArrays;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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

    /**
     * The job's next {@code size} pending items, in order, as plain objects (position, external id, payload): a batch
     * reads them in one query and records all their outcomes with {@link #record}, so Hibernate tracks none of them.
     */
    public List<ImportItem> pendingDetached(UUID jobId, int size) {
        List<ImportItem> pending = new ArrayList<>(size);
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT position, external_id, payload FROM import_item
                     WHERE job_id = ? AND outcome = 'PENDING' ORDER BY position LIMIT ?""")) {
                statement.setObject(1, jobId);
                statement.setInt(2, size);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ImportItem item = new ImportItem();
                        item.jobId = jobId;
                        item.position = rows.getInt(1);
                        item.externalId = rows.getString(2);
                        item.payload = rows.getString(3);
                        item.outcome = ImportItem.Outcome.PENDING;
                        pending.add(item);
                    }
                }
            }
        });
        return pending;
    }

    /** Writes the outcome, card and error of each of the job's {@code applied} items, and drops their payloads. */
    public void record(UUID jobId, List<ImportItem> applied) {
        if (applied.isEmpty()) {
            return;
        }
        int n = applied.size();
        String[] positions = new String[n];
        String[] outcomes = new String[n];
        String[] cards = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            ImportItem item = applied.get(i);
            positions[i] = Integer.toString(item.position);
            outcomes[i] = item.outcome.name();
            cards[i] = item.cardId == null ? null : item.cardId.toString();
            errors[i] = item.error;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                UPDATE import_item i SET outcome = u.outcome, card_id = CAST(u.card_id AS uuid), error = u.error,
                                         payload = NULL
                  FROM (SELECT CAST(? AS uuid) AS job_id, CAST(a.position AS int) AS position, a.outcome, a.card_id,
                               a.error
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS a(position, outcome, card_id, error)) u
                 WHERE i.job_id = u.job_id AND i.position = u.position""", List.of(jobId),
                new String[][] {positions, outcomes, cards, errors}, statement -> statement.executeUpdate()));
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

    /** Writes new items of the job with one multi-row insert (Hibernate never holds them). */
    public void insertAll(UUID jobId, List<ImportItem> items) {
        if (items.isEmpty()) {
            return;
        }
        int n = items.size();
        String[] positions = new String[n];
        String[] externalIds = new String[n];
        String[] payloads = new String[n];
        String[] outcomes = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            ImportItem item = items.get(i);
            positions[i] = Integer.toString(item.position);
            externalIds[i] = item.externalId;
            payloads[i] = item.payload;
            outcomes[i] = item.outcome.name();
            errors[i] = item.error;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                INSERT INTO import_item (job_id, position, external_id, payload, outcome, error)
                SELECT CAST(? AS uuid), CAST(a.position AS int), a.external_id, a.payload, a.outcome, a.error
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS a(position, external_id, payload, outcome, error)""", List.of(jobId),
                new String[][] {positions, externalIds, payloads, outcomes, errors}, statement -> statement.executeUpdate()));
    }
}
