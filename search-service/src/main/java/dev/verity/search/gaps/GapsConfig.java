package dev.verity.search.gaps;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "verity.search.gaps")
public interface GapsConfig {

    /**
     * Key of the HMAC that turns a user id into the pseudonym stored with each search: the report can count distinct
     * searchers without naming them. Set a secret per deployment; the default suits only a developer machine.
     */
    @WithDefault("verity-dev-pseudonyms")
    String pseudonymKey();

    /** How long searches and clicks are kept. */
    @WithDefault("P90D")
    Duration retention();
}
