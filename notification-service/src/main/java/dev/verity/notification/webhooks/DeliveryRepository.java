package dev.verity.notification.webhooks;

import dev.verity.notification.delivery.DeliveryQueue;
import dev.verity.notification.delivery.DeliveryWakeups;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.jdbc.TextArrays;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The {@code webhook_delivery} table, and the webhooks' {@link DeliveryQueue.Store}: a claimed delivery is IN_FLIGHT
 * under a lease token until its lease runs out, claimable only in order per card and within its subscription's
 * concurrency; an attempt is recorded only while the claim still holds it.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID>,
        DeliveryQueue.Store<DeliveryJob> {

    private static final Logger LOG = Logger.getLogger(DeliveryRepository.class);

    /** The table, by which its queue is woken ({@link DeliveryWakeups}). */
    public static final String TABLE = "webhook_delivery";

    private final SubscriptionRepository subscriptions;
    private final WebhookConfig config;
    private final DeliveryWakeups wakeups;

    DeliveryRepository(SubscriptionRepository subscriptions, WebhookConfig config, DeliveryWakeups wakeups) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.wakeups = wakeups;
    }

    /** In a transaction that made deliveries due some other way (a redelivery, a subscription switched on again). */
    public void madeDue() {
        wakeups.written(TABLE);
    }

    /**
     * Claims up to {@code limit} due deliveries ({@link #claim(Instant, int, int, UUID, Duration)}) under a new lease
     * token, with what sending them needs; deliveries whose lease ran out are handed back first.
     */
    @Override
    public List<DeliveryJob> claim(Instant now, int limit, DeliveryQueue.Lease lease) {
        int released = releaseExpiredLeases(now);
        if (released > 0) {
            LOG.warnf("%d webhook deliveries were left in flight past their lease (an instance stopped mid-attempt); "
                    + "they are retried", released);
        }
        UUID token = UUID.randomUUID();
        List<UUID> ids = claim(now, limit, config.delivery().perTargetConcurrency(), token,
                Duration.between(now, lease.until(1)));
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, WebhookSubscription> targets = new HashMap<>();
        List<DeliveryJob> jobs = new ArrayList<>(ids.size());
        for (WebhookDelivery delivery : list("id in ?1", Sort.ascending("nextAttemptAt", "seq"), ids)) {
            WebhookSubscription subscription = targets.computeIfAbsent(delivery.subscriptionId,
                    subscriptions::findById);
            jobs.add(new DeliveryJob(delivery.id, delivery.attempts, token, subscription.id, subscription.targetUrl,
                    delivery.eventId, delivery.eventType, delivery.payload, subscription.signingSecrets(now)));
        }
        return jobs;
    }

    /**
     * Records an attempt, the subscription locked first and then the delivery (the order every other writer, update
     * and delete, locks them in); writes nothing and returns {@code false} when the claim was lost meanwhile (the
     * delivery is someone else's now) or the subscription went.
     */
    @Override
    public boolean record(DeliveryJob job, DeliveryQueue.Outcome outcome, DeliveryQueue.Recorded recorded) {
        WebhookSubscription subscription = subscriptions.lock(job.subscriptionId());
        WebhookDelivery delivery = subscription == null ? null : leased(job.id(), job.leaseToken());
        if (delivery == null) {
            return false;
        }
        delivery.attempted(recorded.at(), outcome.statusCode(), outcome.latencyMs(), outcome.error());
        switch (recorded.result()) {
            case SENT -> delivery.delivered(recorded.at());
            case RETRIED -> delivery.retryAt(recorded.nextAttemptAt());
            case PARKED -> delivery.dead();
        }
        return true;
    }

    /** Deletes finished deliveries (delivered or dead) created before {@code before}; returns how many. */
    public int purgeFinished(Instant before) {
        return getEntityManager().createNativeQuery("""
                DELETE FROM webhook_delivery WHERE status IN ('DELIVERED', 'DEAD') AND created_at < ?1""")
                .setParameter(1, utc(before))
                .executeUpdate();
    }

    /** One event for one subscription, to write down. */
    public record NewDelivery(UUID subscriptionId, String eventId, String eventType, String orderingKey,
            String payload) {
    }

    /**
     * Writes pending deliveries, due now, in one multi-row insert whatever their number, numbered ({@code seq}) in
     * list order, so one card's deliveries are claimed in the order of its events; a delivery of an event the
     * subscription holds already is skipped (the inbox makes that a no-op already; the unique key keeps it so if an
     * event ever came by another way).
     */
    public void insertPending(List<NewDelivery> pending, Instant now) {
        if (pending.isEmpty()) {
            return;
        }
        String[][] columns = new String[6][pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            NewDelivery delivery = pending.get(i);
            columns[0][i] = UUID.randomUUID().toString();
            columns[1][i] = delivery.subscriptionId().toString();
            columns[2][i] = delivery.eventId();
            columns[3][i] = delivery.eventType();
            columns[4][i] = delivery.orderingKey();
            columns[5][i] = delivery.payload();
        }
        OffsetDateTime at = utc(now);
        getEntityManager().unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, ordering_key, payload,
                                              status, attempts, next_attempt_at, created_at)
                SELECT id::uuid, subscription::uuid, event, type, ordering_key, payload, 'PENDING', 0, ?, ?
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                       AS t(id, subscription, event, type, ordering_key, payload, n)
                 ORDER BY n
                ON CONFLICT (subscription_id, event_id) DO NOTHING""", List.of(at, at), columns,
                PreparedStatement::executeUpdate));
        wakeups.written(TABLE);
    }

    /**
     * Hands back deliveries whose worker lease ran out (the instance died or hung mid-attempt) to be claimed again.
     * The attempt is not counted: nobody knows whether it reached the target, and the receiver deduplicates by
     * {@code webhook-id} anyway.
     *
     * <p>Leases are set and read by the database's clock alone ({@link #claim(Instant, int, int, UUID, Duration)}):
     * an instance whose clock runs ahead of the claimer's (or a service clock moved on, as tests do) would otherwise
     * find a lease run out while its send is still under way, and send the delivery a second time.
     */
    public int releaseExpiredLeases(Instant now) {
        return getEntityManager().createNativeQuery("""
                UPDATE webhook_delivery SET status = 'PENDING', lease_token = NULL, lease_until = NULL,
                                            next_attempt_at = ?1
                WHERE status = 'IN_FLIGHT' AND lease_until < statement_timestamp()""")
                .setParameter(1, utc(now))
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} due deliveries for this worker, marking them IN_FLIGHT under {@code leaseToken}
     * for {@code lease} by the database's clock. Claimable is a PENDING, due delivery of an active subscription
     * <ul>
     * <li>with no earlier delivery of the same card to the same subscription still open (PENDING or IN_FLIGHT), so
     * one card's events reach a subscription in order, and</li>
     * <li>within the subscription's concurrency: at most {@code perTarget} in flight to it over all instances, so a
     * hanging target can hold only that many threads.</li>
     * </ul>
     * Rows another instance is claiming right now are skipped ({@code SKIP LOCKED}), never waited for.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claim(Instant now, int limit, int perTarget, UUID leaseToken, Duration lease) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                WITH due AS (
                    SELECT d.id, d.subscription_id, d.next_attempt_at, d.seq,
                           row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at, d.seq) AS rank
                    FROM webhook_delivery d
                    JOIN webhook_subscription s ON s.id = d.subscription_id AND s.active
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?1
                      AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                      WHERE e.subscription_id = d.subscription_id AND e.ordering_key = d.ordering_key
                                        AND e.seq < d.seq AND e.status IN ('PENDING', 'IN_FLIGHT'))
                )
                SELECT d.id FROM webhook_delivery d JOIN due ON due.id = d.id
                WHERE d.status = 'PENDING'
                  AND due.rank <= ?2 - (SELECT count(*) FROM webhook_delivery f
                                        WHERE f.subscription_id = due.subscription_id AND f.status = 'IN_FLIGHT')
                ORDER BY due.next_attempt_at, due.seq
                LIMIT ?3
                FOR UPDATE OF d SKIP LOCKED""", UUID.class)
                .setParameter(1, utc(now))
                .setParameter(2, perTarget)
                .setParameter(3, limit)
                .getResultList();
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("""
                    UPDATE webhook_delivery SET status = 'IN_FLIGHT', lease_token = ?1,
                                                lease_until = statement_timestamp() + make_interval(secs => ?2)
                    WHERE id IN (?3)""")
                    .setParameter(1, leaseToken)
                    .setParameter(2, lease.toMillis() / 1000.0)
                    .setParameter(3, ids)
                    .executeUpdate();
        }
        return ids;
    }

    /** The delivery, locked, if {@code leaseToken} still holds it (else another worker took it over). */
    public WebhookDelivery leased(UUID id, UUID leaseToken) {
        WebhookDelivery delivery = findById(id, LockModeType.PESSIMISTIC_WRITE);
        return delivery != null && delivery.status == DeliveryStatus.IN_FLIGHT && leaseToken.equals(delivery.leaseToken)
                ? delivery : null;
    }

    /** A subscription's deliveries, newest first, after {@code cursor} when given. */
    public List<WebhookDelivery> log(UUID subscriptionId, DeliveryStatus status, PageCursor cursor, int limit) {
        StringBuilder jpql = new StringBuilder("select d from WebhookDelivery d where d.subscriptionId = :subscription");
        if (status != null) {
            jpql.append(" and d.status = :status");
        }
        if (cursor != null) {
            jpql.append(" and (d.createdAt < :at or (d.createdAt = :at and d.id < :id))");
        }
        jpql.append(" order by d.createdAt desc, d.id desc");
        TypedQuery<WebhookDelivery> query = getEntityManager().createQuery(jpql.toString(), WebhookDelivery.class)
                .setParameter("subscription", subscriptionId)
                .setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (cursor != null) {
            query.setParameter("at", cursor.at()).setParameter("id", cursor.id());
        }
        return query.getResultList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
