package dev.verity.platform.outbox;

import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.platform.retry.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka. Claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several instances can
 * relay side by side), sends each row as a binary-mode CloudEvent, waits for the broker's acknowledgements and
 * stamps the rows, all in one transaction per batch: a crash before the stamp means the rows are sent again
 * (at-least-once), which consumers absorb by event id. Batches are pipelined: while one batch's acks come in, the
 * next ones are claimed and sent (at most {@code max-in-flight-batches}), and they are settled in the order they
 * were claimed. While Kafka is away the relay backs off and tries again, with no attempt limit, so an outage of any
 * length only delays events; only a row Kafka can never take is parked ({@link #redriveParked()} sets it pending
 * again). A producer that reported a fatal error is replaced.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** How often a wait for acks looks whether the relay is stopping. */
    private static final Duration STOP_CHECK = Duration.ofMillis(200);

    private final EntityManager em;
    private final DataSource dataSource;
    /** The batches claimed and sent, oldest first, each being settled (acks awaited, rows stamped) by {@link #settler}. */
    private final ArrayDeque<Future<Pass>> inFlight = new ArrayDeque<>();
    private ExecutorService settler;
    /** Set by the settling thread when a batch failed: the batches after it roll back until the relay has drained them. */
    private volatile boolean aborted;
    private final OutboxConfig config;
    private final Clock clock;
    private final String bootstrapServers;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;

    private final TopicNames topics;
    private final Backoff backoff;

    OutboxRelay(EntityManager em, DataSource dataSource, OutboxConfig config, Clock clock, TopicNames topics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.topics = topics;
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent event) {
        if (config.source().isEmpty()) {
            LOG.debug("no outbox relay: this service publishes nothing (no verity.outbox.source)");
            return;
        }
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance (verity.outbox.relay-enabled=false)");
            return;
        }
        producer = newProducer();
        settler = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay-acks");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether this instance relays (it publishes events and its relay is enabled). */
    public boolean running() {
        return running;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        // a pass waiting for the broker is not waited out: its transaction rolls back and the rows are sent again
        // after the restart, so the stop stays within seconds whatever the broker does
        if (worker != null) {
            worker.join(Duration.ofSeconds(3).toMillis());
        }
        if (settler != null) {
            settler.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    /** Called after a transaction that wrote outbox rows commits, so events leave at once rather than at the next poll. */
    void wake() {
        wakeups.release();
    }

    private void loop() {
        int failedPasses = 0;
        int idlePasses = 0;
        try {
            while (running) {
                try {
                    Pass pass = pump();
                    if (pass.failure() != null) {
                        drainInFlight(); // each later batch rolls back: its rows are sent again after the failed one
                        failedPasses++;
                        waitOut(pass.failure(), failedPasses);
                        continue;
                    }
                    if (failedPasses > 0 && pass.published() > 0) {
                        LOG.infof("outbox relay publishing again after %d failed passes", failedPasses);
                        failedPasses = 0;
                    }
                    if (pass.published() > 0 || pass.busy() || !inFlight.isEmpty()) {
                        idlePasses = 0;
                        continue; // more may be waiting, or acknowledgements are
                    }
                    idlePasses++;
                    // a commit here wakes the relay at once; the poll only finds rows another instance left behind,
                    // so an idle relay polls less and less often, down to one query per idle-poll-interval
                    wakeups.tryAcquire(idlePause(idlePasses).toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    drainInFlight();
                    if (!running) {
                        return;
                    }
                    failedPasses++;
                    waitOut(e, failedPasses); // the database itself is away: the rows wait where they are
                }
            }
        } finally {
            drainInFlight(); // a stop mid-pass: the unstamped rows are sent again after the restart
        }
    }

    /**
     * One step of the pipeline. This thread claims a batch and hands its rows to the producer while the settling
     * thread awaits the acks of the batches before it and stamps them, so the database stamps one batch while the
     * next is claimed and the broker acknowledges a third; at most {@code max-in-flight-batches} are claimed and not
     * yet stamped. Each batch is a transaction of its own that holds its rows' locks until they are stamped: a later
     * claim skips them (SKIP LOCKED, as another instance's does), so a row is never in two batches at once. The
     * producer receives the batches one after the other, so a card's events reach it in seq order, and idempotence
     * keeps that order in the partition; batches are settled in the order they were claimed. When one stops early
     * (the broker away), every later batch is rolled back unstamped and sent again after it, as the rows after the
     * failed one within a batch are.
     *
     * @return the oldest batch's outcome when this step waited for it, else an empty pass while more is being sent
     */
    private Pass pump() throws InterruptedException {
        Pass settled = settledOldest(false);
        if (settled != null) {
            return settled;
        }
        if (inFlight.size() < config.maxInFlightBatches()) {
            Batch batch = claimAndSend();
            if (batch != null) {
                inFlight.addLast(settler.submit(() -> settle(batch)));
                inFlightObserver.accept(inFlight.size());
                if (batch.rows().size() >= config.batchSize() && !batch.cut()) {
                    return new Pass(0, null, true);
                }
            }
        }
        // the pipeline is full, or there was nothing more to claim: wait for the oldest batch
        settled = settledOldest(true);
        return settled == null ? new Pass(0, null) : settled;
    }

    /** The oldest in-flight batch's outcome once settled (waiting for it if {@code wait}); null if none is. */
    private Pass settledOldest(boolean wait) throws InterruptedException {
        Future<Pass> oldest = inFlight.peekFirst();
        if (oldest == null || (!wait && !oldest.isDone())) {
            return null;
        }
        inFlight.pollFirst();
        try {
            return oldest.get();
        } catch (ExecutionException e) {
            return new Pass(0, e.getCause() == null ? e : e.getCause());
        }
    }

    /** Waits out every batch still in flight after a failure or at the stop: they roll back, their rows stay pending. */
    private void drainInFlight() {
        for (Future<Pass> batch = inFlight.pollFirst(); batch != null; batch = inFlight.pollFirst()) {
            try {
                batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.debugf("outbox relay: an aborted batch failed to settle: %s", e.getCause());
            }
        }
        aborted = false; // nothing is in flight: the next batch is settled normally
    }

    /** The poll interval, doubled per idle pass in a row, up to the idle poll interval. */
    private Duration idlePause(int idlePasses) {
        Duration pause = config.pollInterval().multipliedBy(1L << Math.min(Math.max(idlePasses - 1, 0), 10));
        return pause.compareTo(config.idlePollInterval()) > 0 ? config.idlePollInterval() : pause;
    }

    /** Backs off before the next pass; a producer that reported a fatal error is replaced first. */
    private void waitOut(Throwable failure, int failedPasses) {
        if (SendFailures.classify(failure) == SendFailures.Kind.FATAL) {
            LOG.warnf("outbox relay: the Kafka producer reported a fatal error (%s); replacing it", failure);
            replaceProducer();
        }
        Duration pause = backoff.delay(failedPasses);
        if (failedPasses == 1 || Integer.bitCount(failedPasses) == 1) { // quieter as an outage goes on
            LOG.warnf("outbox relay pass %d failed, retrying in %d ms: %s", failedPasses, pause.toMillis(),
                    failure.getMessage());
        }
        sleepQuietly(pause);
    }

    private void replaceProducer() {
        KafkaProducer<String, String> old = producer;
        producer = newProducer();
        if (old != null) {
            old.close(Duration.ZERO);
        }
    }

    /** What one pass did: rows published, and the failure that ended it early, if any; {@code busy} while sending. */
    record Pass(int published, Throwable failure, boolean busy) {
        Pass(int published, Throwable failure) {
            this(published, failure, false);
        }
    }

    /** A claimed row: what the relay sends, and what it counts when the send fails. */
    record Claimed(long seq, UUID id, String topic, String key, String type, String source, String subject,
            Instant occurredAt, String payload, String traceparent, String tracestate) {
    }

    /**
     * A claimed batch in flight: its own connection and open transaction (holding the rows' locks), its rows and
     * the producer's futures for them; {@code cut} when the broker proved unreachable part way (the rest unsent).
     */
    private record Batch(Connection connection, List<Claimed> rows, List<Future<RecordMetadata>> sends, boolean cut) {

        /** Commits (the stamps and counted failures) or rolls back, and gives the connection back. */
        void close(boolean commit) {
            try (connection) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } catch (SQLException e) {
                if (commit) {
                    throw new IllegalStateException("could not commit the outbox stamps: " + e.getMessage(), e);
                }
                LOG.debugf("outbox relay: rollback failed (%s); the connection is discarded", e.getMessage());
            }
        }
    }

    /** Claims the next batch in a transaction of its own and hands every row to the producer; null if none pending. */
    private Batch claimAndSend() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            List<Claimed> rows = claim(connection);
            if (rows.isEmpty()) {
                new Batch(connection, rows, List.of(), false).close(false);
                return null;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
            boolean cut = false;
            for (Claimed event : rows) {
                Future<RecordMetadata> send = send(event);
                sends.add(send);
                if (send.isDone() && failedForNow(send)) {
                    cut = true; // the broker is unreachable (no metadata): the rest of the batch would wait as long
                    break;
                }
            }
            return new Batch(connection, rows, sends, cut);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                new Batch(connection, List.of(), List.of(), false).close(false);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Waits for one batch's acks together and stamps every row sent with one {@code UPDATE ... WHERE seq = ANY(?)}.
     * Rows are stamped in order up to the first one that could not be sent for now; that one counts an attempt and
     * it and every row after it stay pending, so a card's events reach Kafka in the order they were written once the
     * broker is back (rows after it that did get through are sent again, which consumers absorb by event id). Only a
     * row Kafka can never take (too large, invalid topic) is parked, and the rows after it carry on.
     */
    private Pass settle(Batch batch) {
        if (aborted || !running) { // a batch before it failed: its rows go again after that one's
            batch.close(false);
            return new Pass(0, null);
        }
        boolean committed = false;
        try {
            Connection connection = batch.connection();
            Instant now = clock.instant();
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<Long> sent = new ArrayList<>(batch.sends().size());
            Throwable stoppedBy = null;
            for (int i = 0; i < batch.sends().size() && stoppedBy == null; i++) {
                Claimed event = batch.rows().get(i);
                try {
                    awaitAck(batch.sends().get(i), deadline);
                    sent.add(event.seq());
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                    boolean park = SendFailures.classify(cause) == SendFailures.Kind.UNSENDABLE;
                    failed(connection, event.seq(), error, park ? now : null);
                    if (park) {
                        LOG.errorf("outbox event %s (%s, key %s) parked: Kafka can never take it: %s", event.id(),
                                event.type(), event.key(), error);
                    } else {
                        stoppedBy = cause;
                    }
                }
            }
            beforeStamp.accept(batch.rows());
            stamp(connection, sent, now);
            batch.close(true);
            committed = true;
            if (stoppedBy != null) {
                aborted = true;
            }
            return new Pass(sent.size(), stoppedBy);
        } catch (SQLException e) {
            aborted = true;
            throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            aborted = true;
            throw e;
        } finally {
            if (!committed) {
                batch.close(false);
            }
        }
    }

    /** Waits for one ack, giving up at the deadline or when the relay stops (the rows are then sent again later). */
    private void awaitAck(Future<RecordMetadata> send, long deadline)
            throws ExecutionException, java.util.concurrent.TimeoutException {
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                send.get(Math.max(0, Math.min(left, STOP_CHECK.toNanos())), TimeUnit.NANOSECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (left <= STOP_CHECK.toNanos()) {
                    throw e;
                }
                if (!running) {
                    throw new IllegalStateException("the relay is stopping");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }
    }

    /** Called with the number of batches in flight after each claim (a test shows the batches overlap). */
    void inFlightObserver(java.util.function.IntConsumer observer) {
        inFlightObserver = observer;
    }

    private volatile java.util.function.IntConsumer inFlightObserver = batches -> {
    };

    /**
     * Where a test crashes the relay between the broker's acks and the stamp, to show nothing is lost: the pass's
     * transaction rolls back, the rows stay pending and the next pass sends them again.
     */
    void beforeStamp(java.util.function.Consumer<List<Claimed>> crashPoint) {
        beforeStamp = crashPoint;
    }

    private volatile java.util.function.Consumer<List<Claimed>> beforeStamp = batch -> {
    };

    private List<Claimed> claim(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT seq, id, topic, record_key, type, source, subject, occurred_at, payload, traceparent, tracestate
                  FROM outbox_event
                 WHERE published_at IS NULL AND parked_at IS NULL
                 ORDER BY seq
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, config.batchSize());
            List<Claimed> batch = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Claimed(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getObject(8, OffsetDateTime.class).toInstant(), rows.getString(9), rows.getString(10),
                            rows.getString(11)));
                }
            }
            return batch;
        }
    }

    /** Every row the broker acknowledged, in one statement. */
    private static void stamp(Connection connection, List<Long> sent, Instant now) throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        Array seqs = connection.createArrayOf("bigint", sent.toArray());
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET published_at = ? WHERE seq = ANY(?)")) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setArray(2, seqs);
            update.executeUpdate();
        } finally {
            seqs.free();
        }
    }

    /** Counts a failed attempt on one row (rare: a row the broker refused), parking it when {@code parkedAt} is set. */
    private static void failed(Connection connection, long seq, String error, Instant parkedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ?, parked_at = ? WHERE seq = ?")) {
            update.setString(1, error);
            update.setObject(2, parkedAt == null ? null : parkedAt.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            update.setLong(3, seq);
            update.executeUpdate();
        }
    }

    /** Whether a send that is already over failed for a reason other rows share (not one record Kafka refuses). */
    private static boolean failedForNow(Future<?> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return SendFailures.classify(e.getCause()) != SendFailures.Kind.UNSENDABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Future<RecordMetadata> send(Claimed event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topics.physical(event.topic()), event.key(),
                event.payload());
        CloudEventHeaders.write(record.headers(), event.id().toString(), event.type(), event.source(),
                event.subject(), event.occurredAt());
        // The context of the write, not of this relay: the relay opens no span and its plain KafkaProducer is not
        // instrumented (Quarkus instruments only SmallRye channels, and those write "traceparent", never ce_*), so
        // nothing replaces these headers on the way to the broker.
        CloudEventHeaders.writeTraceContext(record.headers(), event.traceparent(), event.tracestate());
        try {
            return producer.send(record);
        } catch (RuntimeException e) { // e.g. a producer closed by a fatal error: the future is where failures go
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sets parked rows pending again, e.g. after the broker's size limit was raised; returns how many. The relay
     * parks them again if Kafka still cannot take them.
     */
    public int redriveParked() {
        int redriven = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "UPDATE OutboxEvent e SET e.parkedAt = null, e.attempts = 0 WHERE e.parkedAt IS NOT NULL")
                .executeUpdate());
        if (redriven > 0) {
            LOG.infof("re-driving %d parked outbox events", redriven);
            wake();
        }
        return redriven;
    }

    /** Published rows are kept for a while for audit and replay, then removed. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        Instant cutoff = clock.instant().minus(config.retention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("DELETE FROM OutboxEvent e WHERE e.publishedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
        if (deleted > 0) {
            LOG.infof("purged %d published outbox events older than %s", deleted, config.retention());
        }
    }

    private KafkaProducer<String, String> newProducer() {
        return new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // while the broker is away, send() must not block the relay thread for the default minute
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // reconnect attempts to an absent broker back off to one per 10 s (default 1 s: a log line a second)
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().orElseThrow().replace('/', '-'));
        props.putAll(config.producer());
        return props;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
