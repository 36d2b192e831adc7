package dev.verity.card.imports;

import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many uploads this instance receives at once, overall and per user, so a few concurrent uploads cannot
 * take the memory, disk and database connections that everyone else needs. A caller over a bound gets 429 with
 * {@code Retry-After} at once, before a byte of the upload is read.
 */
@ApplicationScoped
public class ImportUploads {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final ImportConfig config;
    private final Semaphore all;
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();

    ImportUploads(ImportConfig config) {
        this.config = config;
        this.all = new Semaphore(config.maxConcurrentUploads());
    }

    /** A receiving slot; close it when the upload has been stored (or refused). */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot acquire(String user) {
        boolean[] admitted = { false };
        perUser.compute(user, (u, count) -> {
            int current = count == null ? 0 : count;
            if (current >= config.maxConcurrentUploadsPerUser()) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw ProblemException.tooManyRequests("concurrent-uploads-per-user", RETRY_AFTER,
                    "you already have " + config.maxConcurrentUploadsPerUser()
                            + " uploads in progress; wait for one to finish");
        }
        if (!all.tryAcquire()) {
            release(user);
            throw ProblemException.tooManyRequests("concurrent-uploads", RETRY_AFTER,
                    "card-service is receiving " + config.maxConcurrentUploads() + " uploads already; try again shortly");
        }
        return () -> {
            all.release();
            release(user);
        };
    }

    private void release(String user) {
        perUser.computeIfPresent(user, (u, count) -> count <= 1 ? null : count - 1);
    }
}
