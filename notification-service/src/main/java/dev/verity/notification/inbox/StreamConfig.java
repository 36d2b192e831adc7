package dev.verity.notification.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live stream of notifications ({@code GET /notifications/stream}). */
@ConfigMapping(prefix = "verity.notification.stream")
public interface StreamConfig {

    /**
     * How often an open stream looks in the database even when no signal woke it: the safety net should a
     * {@code NOTIFY} be lost (the listening connection was being reopened), and so the worst-case delay then. Streams
     * are woken at once otherwise, whichever instance stored the notification.
     */
    @WithDefault("PT20S")
    Duration pollInterval();

    /**
     * After this long without a notification a comment line is sent, so proxies keep the connection open (checked
     * when the stream looks: at least every {@code poll-interval}).
     */
    @WithDefault("PT20S")
    Duration keepAlive();

    /** At most this many notifications per read; a client far behind catches up over several reads, one after another. */
    @WithDefault("100")
    int batchSize();
}
