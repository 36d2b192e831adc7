package dev.verity.platform.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How every consumer waits out failures ({@link EventConsumer}). */
@ConfigMapping(prefix = "verity.consumer")
public interface ConsumerConfig {

    /** The first pause after a failure; each further failure doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** The longest pause between two attempts while a dependency is away. */
    @WithDefault("15s")
    Duration maxBackoff();

    /**
     * How often an event whose failure is not recognised as an outage (most likely a bug) is tried before it goes to
     * the dead-letter topic, so that one bad event cannot hold up its partition for ever. Outages are waited out
     * whatever this says.
     */
    @WithDefault("8")
    int unknownFailureAttempts();
}
