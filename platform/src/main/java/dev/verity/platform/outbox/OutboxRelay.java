package dev.verity.platform.outbox;

import dev.verity.platform.cloudevents.CloudEventHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka. Claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several instances can
 * relay side by side), sends each row as a binary-mode CloudEvent, waits for the broker's acknowledgement and
 * stamps the row, all in one transaction: a crash before the stamp means the row is sent again (at-least-once),
 * which consumers absorb by event id. A row that keeps failing is parked after {@code maxAttempts}.
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

    OutboxRelay(EntityManager em, OutboxConfig config, Clock clock, TopicNames topics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.topics = topics;
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
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
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
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
        if (worker != null) {
            worker.join(Duration.ofSeconds(10).toMillis());
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction that wrote outbox rows commits, so events leave at once rather than at the next poll. */
    void wake() {
        wakeups.release();
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        while (running) {
            try {
                int published = QuarkusTransaction.requiringNew().call(this::relayBatch);
                backoff = config.pollInterval();
                if (published >= config.batchSize()) {
                    continue; // more may be waiting
                }
                wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay pass failed, retrying in %s: %s", backoff, e.getMessage());
                sleepQuietly(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One transaction: claim, send, wait for acks, stamp. Returns how many rows were published. */
    int relayBatch() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> batch = em.createNativeQuery("""
                SELECT * FROM outbox_event
                WHERE published_at IS NULL AND parked_at IS NULL
                ORDER BY seq
                LIMIT ?1
                FOR UPDATE SKIP LOCKED""", OutboxEvent.class)
                .setParameter(1, config.batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topics.physical(event.topic), event.recordKey,
                    event.payload);
            CloudEventHeaders.write(record.headers(), event.id.toString(), event.type, event.source, event.subject,
                    event.occurredAt);
            sends.add(producer.send(record));
        }
        Instant now = clock.instant();
        int published = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent event = batch.get(i);
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                event.publishedAt = now;
                published++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (Exception e) {
                recordFailure(event, e, now);
            }
        }
        return published;
    }

    private void recordFailure(OutboxEvent event, Exception e, Instant now) {
        event.attempts++;
        Throwable cause = e.getCause() == null ? e : e.getCause();
        event.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (event.attempts >= config.maxAttempts()) {
            event.parkedAt = now;
            LOG.errorf("outbox event %s (%s, key %s) parked after %d attempts: %s", event.id, event.type,
                    event.recordKey, event.attempts, event.lastError);
        } else {
            LOG.warnf("outbox event %s (%s) not published (attempt %d): %s", event.id, event.type, event.attempts,
                    event.lastError);
        }
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

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.source().orElseThrow().replace('/', '-'));
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
