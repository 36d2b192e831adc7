package dev.verity.notification.delivery;

import dev.verity.platform.retry.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * The one "write it down, claim it, send it, back off, park it" mechanism of the channels that send after the fact
 * (email, chat, webhooks). What is to be sent is written to the channel's table in the transaction that decides it; a
 * pass then claims due rows (its {@link Store}: {@code FOR UPDATE SKIP LOCKED}, so instances share them) and leases
 * them past the longest their sends can take, and commits: no row lock or database connection is held while a server
 * answers, and a sender that dies mid-send leaves a lease that runs out. Each send's outcome is recorded in a
 * transaction of its own: sent; tried again after the channel's {@link RetryPolicy} pause (or the server's
 * {@code Retry-After}, when longer); or parked, when the policy has no pause left or the server refused for good. At
 * least once: a crash between the server's acceptance and the commit sends again.
 *
 * <p>Two pluggable parts make a channel: its {@link Store} (which rows are due and claimable, how a lease is held, how
 * an attempt is written down; a repository) and its {@link Channel} (one send, and what an attempt means beyond the row:
 * metrics, a log line, a webhook subscription switched off). Sends run either one after another in the caller's
 * thread ({@link #drain}, email and chat) or on a bounded pool ({@link #dispatch}, webhooks: a hanging target holds
 * one thread, never the others).
 *
 * <p>A quiet queue costs next to nothing ({@link Pace}): the channel's {@code @Scheduled} tick passes only when the
 * queue is due. It is due at once when its rows were written ({@link #wake}, after the writing transaction commits:
 * {@link DeliveryWakeups}), when a send finished, or when a retry it recorded falls due; after a pass that found
 * nothing, the next waits a pause doubling from one second up to {@code max-idle} (a safety net for rows another
 * instance wrote, or whose lease ran out).
 *
 * @param <T> what one send needs, read when the row is claimed
 */
public final class DeliveryQueue<T extends DeliveryQueue.Row> {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    /** A claimed row: its id and the attempts made before this one. */
    public interface Row {

        UUID id();

        int attempts();
    }

    /**
     * What one send came to: delivered, or an error (with the server's status code when it answered).
     *
     * @param retryAfter the server's wish for the next attempt's delay (honoured when longer than the policy's pause)
     * @param refused    the server wants no further attempt: the row is parked at once
     */
    public record Outcome(Integer statusCode, String error, long latencyMs, Duration retryAfter, boolean refused) {

        public static Outcome delivered(Integer statusCode) {
            return new Outcome(statusCode, null, 0, null, false);
        }

        public static Outcome failed(Integer statusCode, String error) {
            return new Outcome(statusCode, error == null ? "answered " + statusCode : error, 0, null, false);
        }

        public boolean isDelivered() {
            return error == null;
        }
    }

    /** Where a row stands after an attempt. */
    public enum Result {
        SENT, RETRIED, PARKED
    }

    /**
     * An attempt as recorded: its result, the attempts made now, when it was recorded and (RETRIED) when the next
     * attempt is due.
     */
    public record Recorded(Result result, int attempts, Instant at, Instant nextAttemptAt) {
    }

    /** When a failed row is tried again: the pause after {@code failedAttempts} failed ones, empty to park it. */
    @FunctionalInterface
    public interface RetryPolicy {

        Optional<Duration> pauseAfter(int failedAttempts);
    }

    /** Until when a claim of {@code claimed} rows holds them: past the longest their sends can take. */
    @FunctionalInterface
    public interface Lease {

        Instant until(int claimed);
    }

    /** The channel's table (a repository): which rows are due and claimable, and how an attempt is written down. */
    public interface Store<T extends Row> {

        /**
         * In the claiming transaction: up to {@code limit} due rows, locked {@code SKIP LOCKED} and leased until
         * {@code lease.until(how many it claims)} (nobody else claims them before), with what sending them needs, in
         * the order to send.
         */
        List<T> claim(Instant now, int limit, Lease lease);

        /**
         * In the recording transaction: writes the attempt down. Returns {@code false}, writing nothing, when the row
         * is no longer this claim's (its lease ran out and another sender took it over, or it was deleted).
         */
        boolean record(T item, Outcome outcome, Recorded recorded);
    }

    /** The channel: one send, and what an attempt means beyond its row. */
    public interface Channel<T extends Row> {

        /** One send, outside any transaction. */
        Outcome send(T item);

        /** Called in the transaction that recorded the attempt (metrics, a log line, effects on other rows). */
        void recorded(T item, Outcome outcome, Recorded recorded);
    }

    private final Store<T> store;
    private final Channel<T> channel;
    private final Clock clock;
    private final RetryPolicy retry;
    private final int batchSize;
    private final Duration leasePerSend;
    private final Sender sender;
    private final Pace pace = new Pace(Pace.DEFAULT_MAX_IDLE);

    /**
     * A queue whose sends run one after another in the thread of {@link #drain} / {@link #sendDue}.
     *
     * @param batchSize    how many rows one pass claims
     * @param leasePerSend the longest one send can take; a pass's rows are sent one after another, so its lease is
     *                     this times their number
     */
    public static <T extends Row> DeliveryQueue<T> sequential(Store<T> store, Channel<T> channel, Clock clock,
            RetryPolicy retry, int batchSize, Duration leasePerSend) {
        return new DeliveryQueue<>(store, channel, clock, retry, batchSize, leasePerSend, null);
    }

    /**
     * A queue whose sends run on {@code threads} threads named {@code name-n}, each claimed row on a thread of its
     * own as soon as it is claimed ({@link #dispatch}); {@link #close} stops them.
     *
     * @param leasePerSend the longest one send can take: each row's lease
     */
    public static <T extends Row> DeliveryQueue<T> pooled(Store<T> store, Channel<T> channel, Clock clock,
            RetryPolicy retry, int threads, Duration leasePerSend, String name) {
        return new DeliveryQueue<>(store, channel, clock, retry, threads, leasePerSend, new Sender(threads, name));
    }

    private DeliveryQueue(Store<T> store, Channel<T> channel, Clock clock, RetryPolicy retry, int batchSize,
            Duration leasePerSend, Sender sender) {
        this.store = store;
        this.channel = channel;
        this.clock = clock;
        this.retry = retry;
        this.batchSize = batchSize;
        this.leasePerSend = leasePerSend;
        this.sender = sender;
    }

    /** Email's and chat's policy: pauses doubling from {@code initial-backoff} up to {@code max-backoff}, parked after {@code max-attempts}. */
    public static RetryPolicy doubling(DeliveryConfig config) {
        Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        return failed -> failed >= config.maxAttempts() ? Optional.empty() : Optional.of(backoff.delay(failed));
    }

    /**
     * When due ({@link Pace}), passes until one claims less than a full batch: what the channel's {@code @Scheduled}
     * runs.
     */
    public void drain() {
        if (!pace.due()) {
            return;
        }
        long wakes = pace.wakes();
        int claimed;
        int total = 0;
        do {
            claimed = sendDue();
            total += claimed;
        } while (claimed == batchSize);
        if (total == 0) {
            pace.idle(wakes);
        } else {
            pace.busy();
        }
    }

    /** Rows were written (or made due) for this queue: its next tick passes. */
    public void wake() {
        pace.wake();
    }

    /** The longest an idle queue waits between passes (a safety net: its own writes wake it). */
    public DeliveryQueue<T> maxIdle(Duration maxIdle) {
        pace.maxIdle(maxIdle);
        return this;
    }

    /** Whether the next tick passes (for tests). */
    boolean isDue() {
        return pace.due();
    }

    /** One pass in this thread: claims up to {@code batch-size} due rows and sends each; returns how many it claimed. */
    public int sendDue() {
        // sent one after another: the lease covers all of them
        List<T> due = claim(batchSize, claimed -> leasePerSend.multipliedBy(claimed));
        due.forEach(this::attempt);
        return due.size();
    }

    /**
     * Claims as many due rows as the pool has free threads and starts each send on one (a pooled queue; what its
     * {@code @Scheduled} runs). A claim that filled every free thread may have left more due: each finished send then
     * claims again at once rather than waiting for the next tick.
     */
    public void dispatch() {
        if (sender == null) {
            throw new IllegalStateException("a sequential queue sends in the caller's thread: drain()");
        }
        if (pace.due()) {
            sender.dispatch(this);
        }
    }

    /** Stops a pooled queue's threads; sends in flight are abandoned, and their leases run out. */
    public void close() {
        if (sender != null) {
            sender.pool.shutdownNow();
        }
    }

    private List<T> claim(int limit, IntFunction<Duration> lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            return store.claim(now, limit, claimed -> now.plus(lease.apply(claimed)));
        });
    }

    /** One send and its record; what fails here is left to the lease (the row is tried again once it runs out). */
    private void attempt(T item) {
        Outcome outcome;
        try {
            outcome = channel.send(item);
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery %s: the send failed unexpectedly; it is tried again once its lease runs out",
                    item.id());
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> record(item, outcome));
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery %s: sent (%s) but not recorded; it is tried again once its lease runs out",
                    item.id(), outcome.isDelivered() ? "delivered" : outcome.error());
        }
    }

    private void record(T item, Outcome outcome) {
        Instant now = now();
        int attempts = item.attempts() + 1;
        Recorded recorded;
        if (outcome.isDelivered()) {
            recorded = new Recorded(Result.SENT, attempts, now, null);
        } else {
            Optional<Duration> pause = outcome.refused() ? Optional.empty() : retry.pauseAfter(attempts);
            recorded = pause.map(p -> new Recorded(Result.RETRIED, attempts, now, now.plus(longer(p,
                    outcome.retryAfter())))).orElseGet(() -> new Recorded(Result.PARKED, attempts, now, null));
        }
        if (store.record(item, outcome, recorded)) {
            channel.recorded(item, outcome, recorded);
            if (recorded.result() == Result.RETRIED) {
                pace.dueIn(Duration.between(now, recorded.nextAttemptAt()));
            }
        } else {
            LOG.infof("delivery %s: its lease ran out or the row went before the attempt was recorded", item.id());
        }
    }

    private static Duration longer(Duration pause, Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(pause) > 0 ? retryAfter : pause;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A pooled queue's threads: one claimer at a time takes as many rows as there are free threads. */
    private static final class Sender {

        private final ExecutorService pool;
        private final Semaphore free;
        /** Set when the last claim filled every free thread: more may be due. */
        private final AtomicBoolean moreDue = new AtomicBoolean();
        private final AtomicBoolean claiming = new AtomicBoolean();

        Sender(int threads, String name) {
            AtomicInteger number = new AtomicInteger();
            this.free = new Semaphore(threads);
            this.pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        <T extends Row> void dispatch(DeliveryQueue<T> queue) {
            if (pool.isShutdown() || !claiming.compareAndSet(false, true)) {
                return;
            }
            try {
                int available = free.availablePermits();
                if (available == 0) {
                    return; // each send that ends wakes the queue
                }
                long wakes = queue.pace.wakes();
                List<T> due;
                try {
                    due = queue.claim(available, claimed -> queue.leasePerSend); // each sent at once
                } catch (RuntimeException e) {
                    LOG.warnf("deliveries not claimed this time (%s); trying again next tick", e.getMessage());
                    return;
                }
                moreDue.set(due.size() == available);
                if (due.isEmpty()) {
                    queue.pace.idle(wakes);
                } else {
                    queue.pace.busy();
                }
                for (T item : due) {
                    free.acquireUninterruptibly(); // never blocks: only this (single) claimer takes permits
                    execute(() -> {
                        try {
                            queue.attempt(item);
                        } finally {
                            free.release();
                            queue.pace.wake(); // what waited behind it (per card, per target) may be claimable now
                        }
                        if (moreDue.get()) {
                            dispatch(queue);
                        }
                    });
                }
            } finally {
                claiming.set(false);
            }
        }

        /** A send refused because the pool is stopping leaves its row to the lease. */
        private void execute(Runnable send) {
            try {
                pool.execute(send);
            } catch (RejectedExecutionException stopping) {
                free.release();
            }
        }
    }

    /**
     * When a queue's next pass runs: at once after a {@link #wake} (rows written, a send ended) or a pass that found
     * work; after a pass that found nothing, once a pause has passed that doubles from {@link #FIRST_PAUSE} up to
     * the maximum; sooner when a retry falls due ({@link #dueIn}). A wake that comes while a pass is under way wins
     * over that pass's "nothing found" (its claim may have looked before the rows were committed).
     */
    static final class Pace {

        static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(30);
        static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

        private long maxIdle;
        private long pause;
        private long next = System.nanoTime();
        private long wakes;

        Pace(Duration maxIdle) {
            this.maxIdle = maxIdle.toNanos();
        }

        synchronized void maxIdle(Duration maxIdle) {
            this.maxIdle = maxIdle.toNanos();
        }

        synchronized boolean due() {
            return System.nanoTime() - next >= 0;
        }

        /** How many wakes so far: read when a pass starts, handed to {@link #idle}. */
        synchronized long wakes() {
            return wakes;
        }

        synchronized void wake() {
            wakes++;
            busy();
        }

        synchronized void busy() {
            pause = 0;
            next = System.nanoTime();
        }

        /** A pass that started after {@code wakesAtStart} wakes found nothing. */
        synchronized void idle(long wakesAtStart) {
            if (wakes != wakesAtStart) {
                return; // woken meanwhile: the next tick passes
            }
            pause = pause == 0 ? Math.min(FIRST_PAUSE.toNanos(), maxIdle) : Math.min(pause * 2, maxIdle);
            next = System.nanoTime() + pause;
        }

        /** The pause after the last pass that found nothing (0 while busy). */
        synchronized Duration pause() {
            return Duration.ofNanos(pause);
        }

        /** Something falls due after {@code delay}: the next pass is no later than that. */
        synchronized void dueIn(Duration delay) {
            long at = System.nanoTime() + Math.max(0, delay.toNanos());
            if (at - next < 0) {
                next = at;
            }
        }
    }
}
