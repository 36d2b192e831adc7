package dev.verity.platform.security;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;

/** {@link AuthConfig} built by SmallRye Config from properties, so unit tests see its real defaults. */
final class AuthConfigs {

    private AuthConfigs() {
    }

    static AuthConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", properties) {
                })
                .withMapping(AuthConfig.class)
                .build();
        return config.getConfigMapping(AuthConfig.class);
    }
}
