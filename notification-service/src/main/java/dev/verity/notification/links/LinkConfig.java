package dev.verity.notification.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where links in emails and chat messages point. The key kept its email prefix from when only emails had links. */
@ConfigMapping(prefix = "verity.notification.email")
public interface LinkConfig {

    /** Links point at {@code <base-url>/cards/<card id>}: the address of the frontend that shows cards. */
    @WithDefault("http://localhost:8081")
    String baseUrl();
}
