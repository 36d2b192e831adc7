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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka. Claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several instances can
 * relay side by side), sends each row as a binary-mode CloudEvent, waits for the broker's acknowledgement and
 * stamps the row, all in one transaction: a crash before the stamp means the row is sent again (at-least-once),
 * which consumers absorb by event id. While Kafka is away the relay backs off and tries again, with no attempt
 * limit, so an outage of any length only delays events; only a row Kafka can never take is parked
 * ({@link #redriveParked()} sets it pending again). A producer that reported a fatal error is replaced.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager em;
    private final OutboxConfig config;
    private final Clock clock;
    private final String bootstrapServers;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;

    private final TopicNames topics;
    private final Backoff backoff;

    OutboxRelay(EntityManager em, OutboxConfig config, Clock clock, TopicNames topics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
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
        while (running) {
            try {
                // a pass may wait for the broker (metadata, then acknowledgements) longer than the default timeout
                Pass pass = QuarkusTransaction.requiringNew().timeout(passTimeoutSeconds()).call(this::relayBatch);
                if (pass.failure() != null) {
                    failedPasses++;
                    waitOut(pass.failure(), failedPasses);
                    continue;
                }
                if (failedPasses > 0) {
                    LOG.infof("outbox relay publishing again after %d failed passes", failedPasses);
                    failedPasses = 0;
                }
                if (pass.published() >= config.batchSize()) {
                    idlePasses = 0;
                    continue; // more may be waiting
                }
                idlePasses = pass.published() == 0 ? idlePasses + 1 : 0;
                // a commit here wakes the relay at once; the poll only finds rows another instance left behind, so
                // an idle relay polls less and less often, down to one query per idle-poll-interval
                wakeups.tryAcquire(idlePause(idlePasses).toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failedPasses++;
                waitOut(e, failedPasses); // the database itself is away: the rows wait where they are
            }
        }
    }

    /** The poll interval, doubled per idle pass in a row, up to the idle poll interval. */
    private Duration idlePause(int idlePasses) {
        Duration pause = config.pollInterval().multipliedBy(1L << Math.min(Math.max(idlePasses - 1, 0), 10));
        return pause.compareTo(config.idlePollInterval()) > 0 ? config.idlePollInterval() : pause;
    }

    private int passTimeoutSeconds() {
        return (int) config.sendTimeout().plusSeconds(30).toSeconds();
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

    /** What one pass did: rows published, and the failure that ended it early, if any. */
    record Pass(int published, Throwable failure) {
    }

    /** A claimed row: what the relay sends, and what it counts when the send fails. */
    record Claimed(long seq, UUID id, String topic, String key, String type, String source, String subject,
            Instant occurredAt, String payload, String traceparent, String tracestate) {
    }

    /**
     * One transaction: claim, send, wait for the acks together, stamp. The whole batch goes to the producer at once
     * (it pipelines the records, idempotently, so retries cannot reorder or duplicate them within a partition); the
     * acks are awaited together and every row sent is stamped with one {@code UPDATE ... WHERE seq = ANY(?)}.
     * Rows are stamped in order up to the first one that could not be sent for now; that one counts an attempt and
     * it and every row after it stay pending, so a card's events reach Kafka in the order they were written once the
     * broker is back (rows after it that did get through are sent again, which consumers absorb by event id). Only a
     * row Kafka can never take (too large, invalid topic) is parked, and the rows after it carry on.
     */
    Pass relayBatch() {
        return em.unwrap(Session.class).doReturningWork(this::relayBatch);
    }

    private Pass relayBatch(Connection connection) throws SQLException {
        List<Claimed> batch = claim(connection);
        if (batch.isEmpty()) {
            return new Pass(0, null);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (Claimed event : batch) {
            Future<RecordMetadata> send = send(event);
            sends.add(send);
            if (send.isDone() && failedForNow(send)) {
                break; // the broker is unreachable (no metadata): the rest of the batch would wait just as long
            }
        }
        Instant now = clock.instant();
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(sends.size());
        Throwable stoppedBy = null;
        for (int i = 0; i < sends.size() && stoppedBy == null; i++) {
            Claimed event = batch.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(event.seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
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
        beforeStamp.accept(batch);
        stamp(connection, sent, now);
        return new Pass(sent.size(), stoppedBy);
    }

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
