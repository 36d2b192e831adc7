package dev.verity.card.usage;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Views and copies counted in memory and written in batches, so a read costs a map update, not a database write.
 * A person's reads of a card within the view window count once: this instance remembers the views it counted
 * ({@code recent}), and the database decides across instances ({@link UsageRepository#countViews}: a view counts only
 * when that person's last counted view of the card is older than the window). What waits here when an instance
 * stops is written on shutdown; a crash loses at most one flush period of counts.
 */
@ApplicationScoped
public class UsageBuffer {

    private static final Logger LOG = Logger.getLogger(UsageBuffer.class);

    record ViewKey(UUID cardId, String viewerId) {
    }

    record CopyKey(UUID cardId, LocalDate day) {
    }

    /** A view waiting to be written: who, which card, when. */
    record View(UUID cardId, String viewerId, Instant at) {
    }

    private final ConcurrentHashMap<ViewKey, Instant> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ViewKey, Instant> recent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CopyKey, LongAdder> copies = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final UsageRepository usage;
    private final UsageConfig config;
    private final Clock clock;

    UsageBuffer(UsageRepository usage, UsageConfig config, Clock clock) {
        this.usage = usage;
        this.config = config;
        this.clock = clock;
    }

    /** A person read the card; counts once per window. */
    public void view(UUID cardId, String viewerId) {
        Instant now = clock.instant();
        ViewKey key = new ViewKey(cardId, viewerId);
        Instant windowStart = now.minus(config.viewWindow());
        boolean[] fresh = { false };
        recent.compute(key, (k, last) -> {
            if (last != null && last.isAfter(windowStart)) {
                return last;
            }
            fresh[0] = true;
            return now;
        });
        if (!fresh[0]) {
            return;
        }
        if (pending.size() >= config.maxBuffered()) {
            dropped.incrementAndGet();
            return;
        }
        pending.putIfAbsent(key, now);
    }

    /** Someone copied the card's content. */
    public void copy(UUID cardId) {
        if (copies.size() >= config.maxBuffered()) {
            dropped.incrementAndGet();
            return;
        }
        copies.computeIfAbsent(new CopyKey(cardId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                k -> new LongAdder()).increment();
    }

    @Scheduled(identity = "usage-flush", every = "${verity.usage.flush-every:5s}", delayed = "5s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        flush();
    }

    @PreDestroy
    void flushOnShutdown() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("usage counts of the last %s not written on shutdown: %s", config.flushEvery(), e.getMessage());
        }
    }

    /**
     * Writes what waits, in one transaction: the views (each counted only if the database agrees it is outside the
     * window) and the copies. On failure everything stays here for the next flush.
     *
     * @return how many views and copies were written
     */
    public synchronized int flush() {
        List<View> views = new ArrayList<>();
        pending.forEach((key, at) -> views.add(new View(key.cardId(), key.viewerId(), at)));
        Map<CopyKey, Long> copied = new java.util.HashMap<>();
        copies.forEach((key, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                copied.put(key, n);
            }
        });
        if (views.isEmpty() && copied.isEmpty()) {
            forgetOldViews();
            return 0;
        }
        try {
            Instant now = clock.instant();
            QuarkusTransaction.requiringNew().run(() -> {
                usage.countViews(views, config.viewWindow(), now);
                usage.countCopies(copied, now);
            });
        } catch (RuntimeException e) {
            copied.forEach((key, n) -> copies.computeIfAbsent(key, k -> new LongAdder()).add(n));
            throw e;
        }
        views.forEach(v -> pending.remove(new ViewKey(v.cardId(), v.viewerId()), v.at()));
        // today's counters stay (an increment may be on its way to one); earlier days' are done with
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        copies.entrySet().removeIf(e -> e.getKey().day().isBefore(today) && e.getValue().sum() == 0);
        forgetOldViews();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("%d views or copies dropped: more than %d waited (verity.usage.max-buffered)", lost,
                    config.maxBuffered());
        }
        return views.size() + copied.values().stream().mapToInt(Long::intValue).sum();
    }

    private void forgetOldViews() {
        Instant windowStart = clock.instant().minus(config.viewWindow());
        recent.values().removeIf(at -> !at.isAfter(windowStart));
    }
}
