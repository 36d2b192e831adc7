package dev.verity.card.imports;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs imports on one background thread: woken when a job is submitted, and every few seconds to resume jobs a
 * previous process left unfinished (after a crash or a deploy).
 */
@ApplicationScoped
public class ImportScheduler {

    private static final Logger LOG = Logger.getLogger(ImportScheduler.class);

    private final ImportRunner runner;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "card-import");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean draining = new AtomicBoolean();

    ImportScheduler(ImportRunner runner) {
        this.runner = runner;
    }

    /** Starts working through unfinished jobs unless that is already happening. */
    public void wake() {
        if (draining.compareAndSet(false, true)) {
            thread.execute(() -> {
                try {
                    drain();
                } finally {
                    draining.set(false);
                }
            });
        }
    }

    @Scheduled(every = "${verity.import.resume-every:5s}", delayed = "2s")
    void resume() {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        thread.shutdownNow();
    }

    private void drain() {
        try {
            for (UUID job : runner.unfinishedJobs()) {
                long started = System.nanoTime();
                while (nextBatch(job)) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                LOG.infof("import %s finished in %d ms", job, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "import run stopped; it resumes with the next sweep");
        }
    }

    private boolean nextBatch(UUID job) {
        try {
            return runner.runBatch(job);
        } catch (RuntimeException batchFailure) {
            LOG.debugf(batchFailure, "batch of import %s failed; applying its items one by one", job);
            for (int i = 0; i < ImportRunner.BATCH_SIZE; i++) {
                try {
                    if (!runner.runOne(job)) {
                        return false;
                    }
                } catch (RuntimeException itemFailure) {
                    runner.failNext(job, rootMessage(itemFailure));
                }
            }
            return true;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
