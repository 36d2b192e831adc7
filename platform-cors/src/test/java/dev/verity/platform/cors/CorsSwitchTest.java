package dev.verity.platform.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsSwitchTest {

    /** As the services see it: platform's properties (ordinal 100), Quarkus' default (lowest), an override on top. */
    private static String enabled(Map<String, String> overrides) {
        Map<String, String> platform = new HashMap<>();
        platform.put("verity.cors.origins", "");
        platform.put("quarkus.http.cors.origins", "${verity.cors.origins:}");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new CorsSwitch())
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.cors.enabled", "false"), "defaults",
                        Integer.MIN_VALUE))
                .withSources(new PropertiesConfigSource(platform, "platform", 100))
                .withSources(new PropertiesConfigSource(overrides, "environment", 300))
                .build();
        return config.getConfigValue("quarkus.http.cors.enabled").getValue();
    }

    @Test
    void offWhileNoOriginIsAllowed() {
        assertEquals("false", enabled(Map.of()));
        assertEquals("false", enabled(Map.of("verity.cors.origins", " ")));
    }

    @Test
    void onOnceAnOriginIsAllowed() {
        assertEquals("true", enabled(Map.of("verity.cors.origins", "https://kb.example.com")));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals("false", enabled(Map.of("verity.cors.origins", "https://kb.example.com",
                "quarkus.http.cors.enabled", "false")));
    }
}
