package dev.verity.search.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "verity.search")
public interface SearchConfig {

    /** The alias every read and write goes through; the concrete index is {@code <alias>-v<mapping version>}. */
    @WithDefault("cards")
    String alias();

    /** 0 on a single node (the local stack); 1+ on a real cluster so a node loss loses no shard. */
    @WithDefault("0")
    int replicas();

    @WithDefault("1")
    int shards();

    /** How soon an indexed card is searchable. */
    @WithDefault("1s")
    String refreshInterval();
}
