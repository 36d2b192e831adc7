package dev.verity.verification.verifications;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.ReadScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verification records: the queries behind the API, the access rules and the expiry job. */
@ApplicationScoped
public class VerificationRecordRepository implements PanacheRepositoryBase<VerificationRecord, UUID> {

    /** A filter over the records a viewer may read; null criteria match everything. */
    public record Filter(RecordState state, String verifierId, VerificationStatus status, Instant dueBefore,
            int limit) {
    }

    /** Where a queue page continues: the last card served and its sort keys. */
    public record QueuePosition(Instant dueAt, int openFlags, UUID cardId) {
    }

    /** What the expiry and due-soon passes need to publish an event, read back from the rows they changed. */
    public record DueCard(UUID cardId, long cardVersion, String cardTitle, UUID collectionId, String verifierId,
            Instant dueAt, Integer intervalDays, java.time.LocalDate verifyOn, Instant verifiedAt) {
    }

    public Optional<VerificationRecord> findForUpdate(UUID cardId) {
        return findByIdOptional(cardId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Soonest due first (never-due last), ties by card id; only cards in collections the viewer can read. */
    @SuppressWarnings("unchecked")
    public List<VerificationRecord> list(Filter filter, ReadScope scope) {
        StringBuilder sql = new StringBuilder("SELECT r.* FROM verification_record r WHERE r.state = :state AND "
                + scope.sqlCondition("r.collection_id"));
        if (filter.verifierId() != null) {
            sql.append(" AND r.verifier_id = :verifier");
        }
        if (filter.status() != null) {
            sql.append(" AND r.status = :status");
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND r.next_due_at < :dueBefore");
        }
        sql.append(" ORDER BY r.next_due_at ASC NULLS LAST, r.card_id LIMIT :limit");
        Query query = getEntityManager().createNativeQuery(sql.toString(), VerificationRecord.class)
                .setParameter("state", filter.state().name()).setParameter("limit", filter.limit());
        if (filter.verifierId() != null) {
            query.setParameter("verifier", filter.verifierId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
        if (filter.dueBefore() != null) {
            query.setParameter("dueBefore", filter.dueBefore());
        }
        scope.bind(query);
        return query.getResultList();
    }

    /**
     * What the verifiers must do: live cards they (or their groups) verify that are UNVERIFIED or due before
     * {@code dueSoon}; most overdue first, then most flagged, then card id (a total order, so keyset pages never
     * skip or repeat a card).
     */
    @SuppressWarnings("unchecked")
    public List<VerificationRecord> queue(Collection<String> verifierIds, Instant dueSoon, QueuePosition after,
            int limit, ReadScope scope) {
        String sql = "SELECT r.* FROM verification_record r WHERE r.state = 'ACTIVE' AND r.verifier_id IN (:verifiers)"
                + " AND (r.status = 'UNVERIFIED' OR r.next_due_at < :dueSoon)"
                + " AND r.next_due_at IS NOT NULL AND " + scope.sqlCondition("r.collection_id")
                + (after == null ? "" : " AND (r.next_due_at > :afterDue OR (r.next_due_at = :afterDue"
                        + " AND (r.open_flags < :afterFlags OR (r.open_flags = :afterFlags AND r.card_id > :afterId))))")
                + " ORDER BY r.next_due_at, r.open_flags DESC, r.card_id LIMIT :limit";
        Query query = getEntityManager().createNativeQuery(sql, VerificationRecord.class)
                .setParameter("verifiers", new ArrayList<>(verifierIds)).setParameter("dueSoon", dueSoon)
                .setParameter("limit", limit);
        if (after != null) {
            query.setParameter("afterDue", after.dueAt()).setParameter("afterFlags", after.openFlags())
                    .setParameter("afterId", after.cardId());
        }
        scope.bind(query);
        return query.getResultList();
    }

    /**
     * Records whose verifier can no longer read the card, among those in {@code collectionId} (when not null) or
     * verified by one of {@code verifierIds} (when not empty). Locked, so a concurrent action waits.
     */
    @SuppressWarnings("unchecked")
    public List<VerificationRecord> verifierCannotRead(UUID collectionId, Collection<String> verifierIds) {
        String scope = collectionId != null ? "r.collection_id = :collection" : "r.verifier_id IN (:verifiers)";
        Query query = getEntityManager().createNativeQuery("SELECT r.* FROM verification_record r WHERE " + scope
                + " AND r.collection_id IS NOT NULL AND NOT " + CollectionAccess.readableBy("r.collection_id", "r.verifier_id")
                + " ORDER BY r.card_id FOR UPDATE OF r", VerificationRecord.class);
        if (collectionId != null) {
            query.setParameter("collection", collectionId);
        } else {
            query.setParameter("verifiers", new ArrayList<>(verifierIds));
        }
        return query.getResultList();
    }

    /**
     * Claims up to {@code batch} cards whose due date has passed and expires them in one statement: each becomes
     * UNVERIFIED (EXPIRED), leaves the expiry list ({@code expires_at} cleared: so exactly once per due period) and
     * gets a history entry, all in the caller's transaction, which publishes their events with one
     * {@code Outbox.publishAll}. {@code FOR UPDATE SKIP LOCKED} lets several instances work side by side on disjoint
     * rows; the partial index on {@code expires_at} keeps the cost to the cards that are due. Returned in card-id
     * order (each card's one event; the order only makes runs reproducible).
     */
    @SuppressWarnings("unchecked")
    public List<DueCard> expireDue(Instant now, int batch) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                WITH due AS (
                    SELECT card_id FROM verification_record
                     WHERE expires_at <= :now
                     ORDER BY expires_at
                     LIMIT :batch
                     FOR UPDATE SKIP LOCKED),
                expired AS (
                    UPDATE verification_record r
                       SET status = 'UNVERIFIED', unverified_reason = 'EXPIRED', expires_at = NULL,
                           due_soon_pending = false, updated_at = :now
                      FROM due WHERE r.card_id = due.card_id
                    RETURNING r.card_id, r.card_version, r.card_title, r.collection_id, r.verifier_id, r.next_due_at,
                              r.interval_days, r.verify_on, r.last_verified_at),
                history AS (
                    INSERT INTO verification_history (id, card_id, collection_id, at, kind, actor_id, reason,
                                                      verifier_id, due_at, status_after, live_after)
                    SELECT gen_random_uuid(), card_id, collection_id, :now, 'EXPIRED', 'system', 'EXPIRED',
                           verifier_id, next_due_at, 'UNVERIFIED', true FROM expired)
                SELECT * FROM expired ORDER BY card_id""")
                .setParameter("now", now).setParameter("batch", batch).getResultList();
        return rows.stream().map(VerificationRecordRepository::dueCard).toList();
    }

    /**
     * Claims up to {@code batch} cards falling due before {@code dueSoon} (and not yet due) whose due-soon event has
     * not gone out, and marks it sent. Same claiming as {@link #expireDue}.
     */
    @SuppressWarnings("unchecked")
    public List<DueCard> markDueSoon(Instant now, Instant dueSoon, int batch) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                WITH soon AS (
                    SELECT card_id FROM verification_record
                     WHERE due_soon_pending AND expires_at <= :dueSoon AND expires_at > :now
                     ORDER BY expires_at
                     LIMIT :batch
                     FOR UPDATE SKIP LOCKED)
                UPDATE verification_record r SET due_soon_pending = false
                  FROM soon WHERE r.card_id = soon.card_id
                RETURNING r.card_id, r.card_version, r.card_title, r.collection_id, r.verifier_id, r.next_due_at,
                          r.interval_days, r.verify_on, r.last_verified_at""")
                .setParameter("now", now).setParameter("dueSoon", dueSoon).setParameter("batch", batch)
                .getResultList();
        return rows.stream().map(VerificationRecordRepository::dueCard).toList();
    }

    private static DueCard dueCard(Object[] row) {
        return new DueCard((UUID) row[0], ((Number) row[1]).longValue(), (String) row[2], (UUID) row[3],
                (String) row[4], toInstant(row[5]), row[6] == null ? null : ((Number) row[6]).intValue(),
                toDate(row[7]), toInstant(row[8]));
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static java.time.LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        throw new IllegalStateException("unexpected date type " + value.getClass());
    }
}
