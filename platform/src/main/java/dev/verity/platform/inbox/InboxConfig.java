package dev.verity.platform.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "verity.inbox")
public interface InboxConfig {

    /**
     * How long a processed event id is remembered. Kafka keeps records for 7 days by default, so after that no
     * redelivery can bring the event back; the default leaves a wide margin for a consumer group reset by hand.
     * Reordering does not depend on the inbox: consumers compare card versions.
     */
    @WithDefault("P30D")
    Duration retention();

    /** Rows deleted per transaction while purging, so a large purge never holds long locks. */
    @WithDefault("10000")
    int purgeBatchSize();
}
