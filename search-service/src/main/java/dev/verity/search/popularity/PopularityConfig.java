package dev.verity.search.popularity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How popularity is counted and how often it reaches the index ({@code verity.search.popularity.*}). */
@ConfigMapping(prefix = "verity.search.popularity")
public interface PopularityConfig {

    /** Clicks older than this no longer count: a card popular last year but never opened since sinks back. */
    @WithDefault("P30D")
    Duration window();

    /** How often changed popularities are written into the index (a Quarkus scheduler period). */
    @WithDefault("5m")
    String refreshEvery();

    /**
     * What one helpdesk ticket linked to a card adds to its popularity (card-service's usage reports): an agent who
     * answered a customer with the card vouched for it more than a reader did.
     */
    @WithDefault("3")
    int linkWeight();

    /** At most this many cards change per refresh; the rest follow at the next one. */
    @WithDefault("2000")
    int batch();
}
