package dev.verity.search.rebuild;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.read.CardEventReader;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.TrustedEvents;
import dev.verity.platform.consumer.DependencyUnavailableException;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.retry.Backoff;
import dev.verity.search.index.CardIndex;
import dev.verity.search.index.CardSignals;
import dev.verity.search.index.CardVerificationRepository;
import dev.verity.search.index.IndexWrites;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Rebuilds the search index with no downtime: a new index of the current mapping, filled by replaying the card topic
 * while the live consumers write every change to it as well, then the alias moved to it in one atomic request and
 * the old index dropped. Searches go through the alias all along and see the old index until the swap.
 *
 * <p>Why nothing is lost: the rebuild is recorded RUNNING (committed) before the topic's end offsets are taken, so
 * every event after them is applied by a live consumer that sees the rebuild and writes to both indices; every event
 * before them is replayed. Both write at the card version ({@code external_gte} for the replay), so whichever comes
 * second never moves a card back. Verification state is read under the card's row lock by both the replay batch and
 * the live consumers, so a verification applied while its card is being copied is either read by the batch or
 * written over the copied document.
 */
@ApplicationScoped
public class IndexRebuilds {

    private static final Logger LOG = Logger.getLogger(IndexRebuilds.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS = Duration.ofSeconds(1);

    private final RebuildRepository rebuilds;
    private final CardIndex index;
    private final IndexWrites writes;
    private final CardVerificationRepository verifications;
    private final TrustedEvents trusted;
    private final RebuildConfig config;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "search-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    IndexRebuilds(RebuildRepository rebuilds, CardIndex index, IndexWrites writes,
            CardVerificationRepository verifications, TrustedEvents trusted, RebuildConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        this.rebuilds = rebuilds;
        this.index = index;
        this.writes = writes;
        this.verifications = verifications;
        this.trusted = trusted;
        this.config = config;
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * Starts a rebuild on this instance and returns it RUNNING, with the target offsets taken. 409 when one is
     * already running (on any instance): the database admits one RUNNING row per alias.
     */
    public Rebuild start(String startedBy) {
        sweep();
        rebuilds.running().ifPresent(running -> {
            throw alreadyRunning(running.id());
        });
        UUID id = UUID.randomUUID();
        String newIndex = index.versionedIndexName(SUFFIX.format(clock.instant()) + "-"
                + id.toString().substring(0, 8));
        // the index exists before the row that sends live writes to it: a write to a missing index would create it
        // with no mapping
        index.createIndex(newIndex);
        if (!rebuilds.insert(id, newIndex, startedBy)) {
            index.deleteIndex(newIndex);
            throw alreadyRunning(rebuilds.running().map(Rebuild::id).orElse(null));
        }
        CardReplay replay;
        try {
            replay = new CardReplay(kafka, config.topic(), config.batchSize());
            rebuilds.progress(id, replay.target(), replay.position(), 0, 0);
        } catch (RuntimeException e) {
            fail(id, newIndex, e);
            throw e;
        }
        LOG.infof("rebuild %s started by %s: replaying %s up to %s into %s", id, startedBy, config.topic(),
                replay.target(), newIndex);
        runner.execute(() -> run(id, newIndex, replay));
        return rebuilds.find(id).orElseThrow();
    }

    private static ProblemException alreadyRunning(UUID running) {
        return ProblemException.conflict("a rebuild of the search index is already running: " + running)
                .with("rebuild", String.valueOf(running));
    }

    private void run(UUID id, String newIndex, CardReplay replay) {
        try (replay) {
            long read = 0;
            long indexed = 0;
            long reported = clock.millis();
            while (!replay.done()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("this instance is stopping");
                }
                List<ConsumerRecord<String, String>> records = replay.poll(POLL);
                read += records.size();
                indexed += write(id, newIndex, latestPerCard(records), replay);
                // at most once a second: the update waits for live writes holding the row's share lock
                if (clock.millis() - reported >= PROGRESS.toMillis() || replay.done()) {
                    if (!rebuilds.progress(id, replay.target(), replay.position(), read, indexed)) {
                        throw new IllegalStateException("no longer RUNNING (taken for abandoned?)");
                    }
                    reported = clock.millis();
                }
            }
            swap(id, newIndex);
            LOG.infof("rebuild %s done: %d events read, %d documents written; alias %s now points to %s", id, read,
                    indexed, index.alias(), newIndex);
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s into %s failed", id, newIndex);
            fail(id, newIndex, e);
        }
    }

    /**
     * Each card's newest event among the records, read as the live consumer reads them (trusted sources, valid
     * snapshots); what the live consumer dead-lettered is left out here too.
     */
    private List<Replay> latestPerCard(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Replay> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                IncomingCloudEvent event = trusted.read(record);
                Optional<CardEvent> card = CardEventReader.SNAPSHOTS.read(event.id(), event.type(), event.data());
                card.ifPresent(c -> latest.merge(c.cardId(), new Replay(c, event.type()),
                        (held, next) -> next.event().cardVersion() >= held.event().cardVersion() ? next : held));
            } catch (RuntimeException e) {
                LOG.debugf("rebuild skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        return new ArrayList<>(latest.values());
    }

    private record Replay(CardEvent event, String type) {
    }

    /**
     * One batch in one transaction: the cards' verification rows locked (as the live consumers lock them), the
     * documents built with their state and written in one {@code _bulk}. While Elasticsearch is busy or away the
     * batch is tried again (it is idempotent), up to {@link RebuildConfig#attempts()} times.
     */
    private long write(UUID id, String newIndex, List<Replay> batch, CardReplay replay) {
        if (batch.isEmpty()) {
            return 0;
        }
        for (int failures = 0;;) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Map<UUID, CardSignals> states = verifications.lockAll(batch.stream()
                            .filter(r -> !CardEventTypes.DELETED.equals(r.type())).map(r -> r.event().cardId())
                            .toList());
                    IndexWrites.BulkOutcome outcome = writes.bulk(newIndex, batch.stream().map(r -> new IndexWrites.Write(
                            r.event(), r.type(), states.getOrDefault(r.event().cardId(), CardSignals.NONE)))
                            .toList(), "external_gte");
                    // what the live consumer dead-lettered: the rebuild leaves it out, as the live index did
                    outcome.items().stream().filter(IndexWrites.ItemOutcome::refused).forEach(item -> LOG.warnf(
                            "rebuild into %s: card %s refused (HTTP %d): %s", newIndex, item.cardId(), item.status(),
                            item.error()));
                    return (long) outcome.written();
                });
            } catch (DependencyUnavailableException | UncheckedIOException e) {
                if (++failures >= config.attempts()) {
                    throw e;
                }
                Duration pause = backoff.delay(failures);
                LOG.warnf("rebuild %s: batch not written (%s, attempt %d); trying again in %d ms", id,
                        e.getMessage(), failures, pause.toMillis());
                pauseFor(pause);
            }
        }
    }

    private static void pauseFor(Duration pause) {
        try {
            // the rebuild's own back-off while Elasticsearch is away, on its own thread
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("this instance is stopping", e);
        }
    }

    /**
     * Makes the new index searchable, moves the alias in one request, then records SWAPPED (which waits for live
     * writes that saw the rebuild RUNNING: they wrote through the alias and into the new index, both fine) and
     * drops the old index, which nothing addresses any more.
     */
    private void swap(UUID id, String newIndex) {
        index.refresh(newIndex);
        List<String> previous = index.indicesBehindAlias().stream().filter(i -> !i.equals(newIndex)).toList();
        index.moveAlias(previous, newIndex);
        if (!rebuilds.swapped(id, previous)) {
            LOG.warnf("rebuild %s was marked FAILED during the swap; alias %s points to %s", id, index.alias(),
                    newIndex);
        }
        previous.forEach(index::deleteIndex);
    }

    private void fail(UUID id, String newIndex, RuntimeException e) {
        fail(id, newIndex, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Marks it FAILED (live writes stop going to its index), then drops its index unless the alias is on it. */
    private void fail(UUID id, String newIndex, String error) {
        try {
            if (rebuilds.failed(id, error) && !index.indicesBehindAlias().contains(newIndex)) {
                index.deleteIndex(newIndex);
            }
        } catch (RuntimeException cleanup) {
            LOG.errorf(cleanup, "rebuild %s: could not record its failure or drop %s", id, newIndex);
        }
    }

    /**
     * Marks FAILED every running rebuild whose instance stopped moving its heartbeat: a crashed or stopped
     * instance's rebuild would otherwise stay RUNNING forever, block new ones and keep receiving live writes.
     */
    public void sweep() {
        for (Rebuild stale : rebuilds.stale(config.staleAfter())) {
            LOG.warnf("rebuild %s shows no progress since %s; marking it FAILED", stale.id(), stale.heartbeatAt());
            fail(stale.id(), stale.index(), "abandoned: no progress since " + stale.heartbeatAt()
                    + " (its instance stopped?); start a new rebuild");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        // a rebuild in progress fails (interrupted); the swap never happens half-way, it is one request
        runner.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
