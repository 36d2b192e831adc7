package dev.verity.notification.delivery;

import dev.verity.platform.retry.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one "write it down, claim it, send it, back off, park it" loop of the channels that send after the fact (email,
 * chat). What is to be sent is written to the channel's table in the transaction that decides it; a pass then claims
 * due rows ({@code FOR UPDATE SKIP LOCKED}, so instances share them) and leases them by moving {@code next_attempt_at}
 * past the longest the sends can take, and commits: no row lock or database connection is held while a server
 * answers, and a sender that dies mid-send leaves a lease that runs out. Each send's outcome is recorded in a
 * transaction of its own: sent, or tried again after a doubling back-off, or parked after {@code max-attempts}. At
 * least once: a crash between the server's acceptance and the commit sends again.
 *
 * <p>The table has the columns {@code id, status ('PENDING', 'SENT', 'PARKED'), attempts, next_attempt_at, sent_at,
 * status_code, last_error} (V4, V51, V56).
 *
 * @param <T> what one send needs, read when the row is claimed
 */
public final class DeliveryQueue<T extends DeliveryQueue.Row> {

    /** A claimed row: its id and the attempts made before this one. */
    public interface Row {

        UUID id();

        int attempts();
    }

    /** What one send came to: delivered, or an error (with the server's status code when it answered). */
    public record Outcome(Integer statusCode, String error) {

        public static Outcome delivered(Integer statusCode) {
            return new Outcome(statusCode, null);
        }

        public static Outcome failed(Integer statusCode, String error) {
            return new Outcome(statusCode, error == null ? "answered " + statusCode : error);
        }

        public boolean isDelivered() {
            return error == null;
        }
    }

    /** Where a row stands after an attempt. */
    public enum Result {
        SENT, RETRIED, PARKED
    }

    /** One channel: how its claimed rows are read, sent and reported. */
    public interface Channel<T extends Row> {

        /** What sending the claimed rows needs, read in the claiming transaction (any order). */
        List<T> load(List<UUID> ids);

        /** One send, outside any transaction. */
        Outcome send(T item);

        /** Called in the transaction that records the attempt (metrics, a log line). */
        void recorded(T item, Outcome outcome, Result result, int attempts);
    }

    private final EntityManager em;
    private final Clock clock;
    private final String table;
    private final DeliveryConfig config;
    private final Duration leasePerRow;
    private final Backoff backoff;

    /**
     * @param table       the channel's table (a constant of the code, never input)
     * @param leasePerRow the longest one send can take; a pass's rows are sent one after another, so its lease is
     *                    this times their number
     */
    public DeliveryQueue(EntityManager em, Clock clock, String table, DeliveryConfig config, Duration leasePerRow) {
        this.em = em;
        this.clock = clock;
        this.table = table;
        this.config = config;
        this.leasePerRow = leasePerRow;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /** Passes until one claims less than a full batch: what the channel's {@code @Scheduled} runs. */
    public void drain(Channel<T> channel) {
        int claimed;
        do {
            claimed = sendDue(channel);
        } while (claimed == config.batchSize());
    }

    /** One pass: claims up to {@code batch-size} due rows and sends each; returns how many it claimed. */
    public int sendDue(Channel<T> channel) {
        List<T> due = claim(channel);
        for (T item : due) {
            Outcome outcome = channel.send(item);
            QuarkusTransaction.requiringNew().run(() -> record(channel, item, outcome));
        }
        return due.size();
    }

    private List<T> claim(Channel<T> channel) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT id FROM " + table
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                    + " ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", UUID.class)
                    .setParameter(1, now.atOffset(ZoneOffset.UTC))
                    .setParameter(2, config.batchSize())
                    .getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            // the lease: nobody else takes these until every send of this pass has surely ended
            em.createNativeQuery("UPDATE " + table + " SET next_attempt_at = ?1 WHERE id IN (?2)")
                    .setParameter(1, now.plus(leasePerRow.multipliedBy(ids.size())).atOffset(ZoneOffset.UTC))
                    .setParameter(2, ids)
                    .executeUpdate();
            Map<UUID, Integer> order = ids.stream().collect(Collectors.toMap(Function.identity(), ids::indexOf));
            return channel.load(ids).stream().sorted(Comparator.comparing(item -> order.get(item.id())))
                    .toList();
        });
    }

    private void record(Channel<T> channel, T item, Outcome outcome) {
        Instant now = now();
        int attempts = item.attempts() + 1;
        if (outcome.isDelivered()) {
            em.createNativeQuery("UPDATE " + table + " SET status = 'SENT', attempts = ?2, sent_at = ?3,"
                    + " status_code = ?4, last_error = NULL WHERE id = ?1")
                    .setParameter(1, item.id()).setParameter(2, attempts)
                    .setParameter(3, now.atOffset(ZoneOffset.UTC)).setParameter(4, outcome.statusCode())
                    .executeUpdate();
            channel.recorded(item, outcome, Result.SENT, attempts);
            return;
        }
        boolean parked = attempts >= config.maxAttempts();
        em.createNativeQuery("UPDATE " + table + " SET status = ?2, attempts = ?3, next_attempt_at = ?4,"
                + " status_code = ?5, last_error = ?6 WHERE id = ?1")
                .setParameter(1, item.id())
                .setParameter(2, parked ? "PARKED" : "PENDING")
                .setParameter(3, attempts)
                .setParameter(4, now.plus(backoff.delay(attempts)).atOffset(ZoneOffset.UTC))
                .setParameter(5, outcome.statusCode())
                .setParameter(6, outcome.error())
                .executeUpdate();
        channel.recorded(item, outcome, parked ? Result.PARKED : Result.RETRIED, attempts);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
