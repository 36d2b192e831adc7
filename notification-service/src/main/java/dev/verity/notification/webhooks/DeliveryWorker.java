package dev.verity.notification.webhooks;

import dev.verity.notification.webhooks.WebhookConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries on a bounded pool of threads. Each tick claims as many deliveries as there are free threads
 * (the database decides which: due, in order per card, within each subscription's concurrency), and each thread
 * makes one attempt and records it. Nothing here is shared with the Kafka consumers or the inbox: a slow target
 * only ever occupies this pool, and at most {@code per-target-concurrency} of its threads.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryLedger ledger;
    private final DeliverySender sender;
    private final int threads;
    private final Semaphore free;
    /** Set when the last claim filled every free thread: more may be due, so a finished attempt claims again at once. */
    private final AtomicBoolean moreDue = new AtomicBoolean();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private ExecutorService pool;

    DeliveryWorker(DeliveryLedger ledger, DeliverySender sender, WebhookConfig config) {
        this.ledger = ledger;
        this.sender = sender;
        this.threads = config.delivery().threads();
        this.free = new Semaphore(threads);
    }

    void start(@Observes StartupEvent started) {
        AtomicInteger number = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** In-flight attempts are abandoned: their claims run out and another instance (or the next start) retries them. */
    void stop(@Observes ShutdownEvent stopping) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Scheduled(every = "${verity.webhooks.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-delivery")
    void tick() {
        dispatch();
    }

    private void dispatch() {
        if (pool == null || pool.isShutdown() || !claiming.compareAndSet(false, true)) {
            return;
        }
        try {
            int available = free.availablePermits();
            if (available == 0) {
                return;
            }
            List<DeliveryJob> jobs;
            try {
                jobs = ledger.claim(available);
            } catch (RuntimeException e) {
                LOG.warnf("webhook deliveries not claimed this time (%s); trying again next tick", e.getMessage());
                return;
            }
            moreDue.set(jobs.size() == available);
            for (DeliveryJob job : jobs) {
                free.acquireUninterruptibly(); // never blocks: only this (single) claimer takes permits
                pool.execute(() -> attempt(job));
            }
        } finally {
            claiming.set(false);
        }
    }

    private void attempt(DeliveryJob job) {
        try {
            Attempt attempt = sender.send(job);
            try {
                ledger.record(job, attempt);
            } catch (RuntimeException e) {
                LOG.warnf(e, "webhook delivery %s: attempt made (%s) but not recorded; it is retried once its claim "
                        + "runs out", job.deliveryId(), attempt.error() == null ? "delivered" : attempt.error());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "webhook delivery %s: attempt failed unexpectedly; it is retried once its claim runs out",
                    job.deliveryId());
        } finally {
            free.release();
        }
        if (moreDue.get()) {
            dispatch();
        }
    }
}
