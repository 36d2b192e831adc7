package dev.verity.notification.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live stream of notifications ({@code GET /notifications/stream}). */
@ConfigMapping(prefix = "verity.notification.stream")
public interface StreamConfig {

    /**
     * How often an open stream looks in the database for the recipient's new notifications: the worst-case delay of
     * a live notification, and one indexed query per open stream per interval. Polling the shared database is what
     * lets a stream on one instance see notifications another instance stored.
     */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** After this long without a notification a comment line is sent, so proxies keep the connection open. */
    @WithDefault("PT20S")
    Duration keepAlive();

    /** At most this many notifications per poll; more wait for the next one (a long-disconnected client catches up). */
    @WithDefault("100")
    int batchSize();
}
