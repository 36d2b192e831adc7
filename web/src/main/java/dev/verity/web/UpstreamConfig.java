package dev.verity.web;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Base URL of each service the browser reaches under {@code /api/<name>/} (the prefix is removed). */
@ConfigMapping(prefix = "verity.web.upstream")
public interface UpstreamConfig {
    @WithDefault("http://127.0.0.1:8081")
    URI cards();

    @WithDefault("http://127.0.0.1:8082")
    URI verification();

    @WithDefault("http://127.0.0.1:8083")
    URI search();

    @WithDefault("http://127.0.0.1:8084")
    URI notifications();
}
