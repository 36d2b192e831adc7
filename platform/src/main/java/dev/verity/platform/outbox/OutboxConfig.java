package dev.verity.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "verity.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay. Several instances may: rows are claimed with SKIP LOCKED. */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * The CloudEvents {@code source} of every event this service publishes, e.g. {@code /card-service}. Publishing
     * is opt-in: a service that sets no source publishes nothing, and runs no relay and no Kafka producer.
     */
    java.util.Optional<String> source();

    /** How long the relay sleeps when it found nothing to do; a commit wakes it earlier. */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * The longest the relay sleeps while idle: each empty pass in a row doubles the poll interval up to this. Events
     * written on this instance never wait for it (a commit wakes the relay); it bounds how long rows left by a stopped
     * instance wait, and makes an idle relay cost next to nothing.
     */
    @WithDefault("5s")
    Duration idlePollInterval();

    /** Rows claimed per transaction: sent together, acknowledged together, stamped in one statement. */
    @WithDefault("500")
    int batchSize();

    /**
     * Batches claimed and sent while the oldest one's acks are still awaited (each holds a database connection and
     * its rows' locks until it is stamped). 1: claim, send, await, stamp, one batch after the other.
     */
    @WithDefault("3")
    int maxInFlightBatches();

    /** How long the relay waits for the broker to acknowledge a batch before it counts the pass as failed. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The first pause after a failed pass (Kafka or the database away); doubles per failed pass up to the max. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** The longest pause between two passes while Kafka is away. There is no attempt limit: outages are waited out. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** The oldest pending event older than this turns the outbox health check DOWN (events are being held up). */
    @WithDefault("5m")
    Duration staleAfter();

    /** How long published rows are kept (for audit and replay) before they are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * The largest event payload (UTF-8 bytes) a write may put in the outbox. Kafka refuses records over the broker's
     * {@code message.max.bytes} (1 MB by default), and an event it refuses would stay in the outbox for ever, so the
     * write is refused instead (413) while the user can still shorten it. Leaves room for headers and the key.
     */
    @WithDefault("900000")
    int maxEventBytes();

    /** Extra Kafka producer properties, e.g. {@code verity.outbox.producer."linger.ms"=5}. */
    java.util.Map<String, String> producer();
}
