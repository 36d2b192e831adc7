package dev.verity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** deploy/compose/compose.yaml configures the services with keys they read and creates every topic they use. */
class ComposeManifestTest {

    /** Read by the base image's run-java.sh, not by the service. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_OPTS_APPEND", "JAVA_OPTS");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        // snakeyaml-engine resolves the anchors (*shared-env) that compose files use; merge keys are resolved below
        try {
            Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(Manifests.projectRoot().resolve("deploy/compose/compose.yaml")));
            return (Map<String, Object>) compose.get("services");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltFromItsDockerfileAndConfiguredWithKeysItReads() {
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String service : CodeTopics.SERVICES) {
            Map<String, Object> definition = (Map<String, Object>) services().get(service);
            Map<String, Object> build = (Map<String, Object>) definition.get("build");
            assertEquals("src/main/docker/Dockerfile.jvm", build.get("dockerfile"), service);
            assertTrue(Manifests.projectRoot().resolve("deploy/compose").resolve(build.get("context").toString())
                    .resolve("src/main/docker/Dockerfile.jvm").toFile().isFile(), service + " has no Dockerfile.jvm");
            ServiceConfigKeys keys = ServiceConfigKeys.of(Manifests.projectRoot(), service);
            for (String variable : withMergeKeys((Map<String, Object>) definition.get("environment")).keySet()) {
                checked++;
                if (!IMAGE_VARIABLES.contains(variable) && keys.keyFor(variable).isEmpty()) {
                    unknown.add(service + ": " + variable);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "variables that name no key the service reads: " + unknown);
        assertTrue(checked >= CodeTopics.SERVICES.size() * 8, "only " + checked + " variables found");
    }

    /** Resolves YAML merge keys ({@code <<: *shared-env}), which the YAML parser leaves as a plain key. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withMergeKeys(Map<String, Object> map) {
        Map<String, Object> resolved = new java.util.LinkedHashMap<>();
        Object merged = map.get("<<");
        if (merged instanceof Map<?, ?> shared) {
            resolved.putAll((Map<String, Object>) shared);
        }
        map.forEach((key, value) -> {
            if (!key.equals("<<")) {
                resolved.put(key, value);
            }
        });
        return resolved;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTopicInitialiserCreatesEveryTopicTheCodeUses() {
        Map<String, Object> init = (Map<String, Object>) services().get("kafka-topics");
        String script = String.join("\n", (List<String>) init.get("command"));
        Set<String> missing = new TreeSet<>();
        for (String topic : CodeTopics.used(Manifests.projectRoot())) {
            if (!script.matches("(?s).*(^|\\s)" + java.util.regex.Pattern.quote(topic) + "(\\s|;|$).*")) {
                missing.add(topic);
            }
        }
        assertTrue(missing.isEmpty(), "compose creates no topic " + missing);
    }
}
