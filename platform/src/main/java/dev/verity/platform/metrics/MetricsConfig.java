package dev.verity.platform.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The platform's operational gauges (outbox backlog, consumer lag), served with the rest on {@code /q/metrics}. */
@ConfigMapping(prefix = "verity.metrics")
public interface MetricsConfig {

    /**
     * How often the committed offsets of this service's consumer groups are compared with the end of their topics.
     * Each read is two admin requests to the broker per group.
     */
    @WithDefault("15s")
    Duration consumerLagRefresh();

    /**
     * How long one reading of the outbox table answers every gauge that asks; a scrape reads it once, not once per
     * gauge.
     */
    @WithDefault("1s")
    Duration outboxReadingTtl();
}
