package dev.verity.platform.cors;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Cross-origin requests are off unless origins are allowed: {@code quarkus.http.cors.enabled}, when nobody sets it,
 * is true exactly when {@code quarkus.http.cors.origins} (from {@code verity.cors.origins}, environment
 * {@code VERITY_CORS_ORIGINS}) names one. Quarkus' CORS filter switched on with no origins would not be "off": it
 * refuses (403) every request whose {@code Origin} it does not take for its own, which behind a TLS-terminating proxy
 * includes same-origin ones. So one key decides, and the filter is not there at all while it is empty.
 */
@Priority(Priorities.APPLICATION)
public class CorsSwitch implements ConfigSourceInterceptor {

    static final String ENABLED = "quarkus.http.cors.enabled";
    static final String ORIGINS = "quarkus.http.cors.origins";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!ENABLED.equals(name) || setByAnyone(value)) {
            return value;
        }
        ConfigValue origins = context.proceed(ORIGINS);
        boolean allowed = origins != null && origins.getValue() != null && !origins.getValue().isBlank();
        return ConfigValue.builder().withName(ENABLED).withValue(Boolean.toString(allowed))
                .withConfigSourceName(CorsSwitch.class.getSimpleName()).build();
    }

    /**
     * Set in a configuration source, not just Quarkus' own default ({@code @WithDefault("false")}, which SmallRye
     * serves from a source of the lowest ordinals): an operator's explicit {@code QUARKUS_HTTP_CORS_ENABLED} wins.
     */
    private static boolean setByAnyone(ConfigValue value) {
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() > 0;
    }
}
