package dev.verity.search.rebuild;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks abandoned rebuilds FAILED on a schedule too, so a crashed one never shows RUNNING for long. */
@ApplicationScoped
class RebuildSweep {

    private final IndexRebuilds rebuilds;

    RebuildSweep(IndexRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Scheduled(identity = "search-rebuild-sweep", every = "1m", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        rebuilds.sweep();
    }
}
