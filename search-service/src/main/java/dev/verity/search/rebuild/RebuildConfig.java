package dev.verity.search.rebuild;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The index rebuild ({@code POST /search/admin/rebuilds}). */
@ConfigMapping(prefix = "verity.search.rebuild")
public interface RebuildConfig {

    /** The card topic the rebuild replays (the live card consumer's topic). */
    @WithDefault("${verity.kafka.topic-prefix:}verity.cards")
    String topic();

    /** Records per poll, and so per {@code _bulk} request and per batch of row locks. */
    @WithDefault("500")
    int batchSize();

    /**
     * A RUNNING rebuild whose instance has not moved its heartbeat for this long (it moves about every second
     * while the replay runs) is taken for abandoned (the instance stopped or crashed): it is marked FAILED and its new
     * index dropped, so live writes stop going there and a new rebuild can start.
     */
    @WithDefault("PT2M")
    Duration staleAfter();

    /** How often a batch is tried while Elasticsearch is busy or away before the rebuild gives up (FAILED). */
    @WithDefault("8")
    int attempts();
}
