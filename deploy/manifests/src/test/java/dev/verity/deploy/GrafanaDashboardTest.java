package dev.verity.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard plots only metrics the services export: the platform's own gauges by the names the code gives them. */
class GrafanaDashboardTest {

    /** Exported by Quarkus Micrometer and the Kafka client binder, not by Verity's code. */
    private static final Set<String> LIBRARY_PREFIXES = Set.of("http_server_requests_seconds", "kafka_consumer_",
            "jvm_", "process_");
    /** {@code Gauge.builder("verity.outbox.pending", ...)...register(registry)}, with its {@code .baseUnit("seconds")} if any. */
    private static final Pattern GAUGE = Pattern.compile("Gauge\\.builder\\(\"(verity\\.[a-z.]+)\"(.*?)\\.register\\(", Pattern.DOTALL);
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"(\\w+)\"\\)");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{");

    @Test
    void everyQueryReadsAMetricTheServicesExport() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(Manifests.projectRoot().resolve("deploy/grafana/verity-operations.json")));
        Set<String> plotted = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.get("expr").asString());
                while (metric.find()) {
                    plotted.add(metric.group(1));
                }
            }
        }
        Set<String> gauges = platformGauges();
        Set<String> unknown = new TreeSet<>();
        for (String metric : plotted) {
            boolean library = LIBRARY_PREFIXES.stream().anyMatch(metric::startsWith);
            if (!library && !gauges.contains(metric)) {
                unknown.add(metric);
            }
        }
        assertTrue(unknown.isEmpty(), "the dashboard plots metrics nothing exports: " + unknown + "; platform exports " + gauges);
        assertTrue(plotted.containsAll(gauges), "every platform gauge has a panel: " + gauges + " vs " + plotted);
        assertTrue(gauges.size() >= 3, "found only " + gauges);
    }

    /** Prometheus names of the gauges in platform's metrics package: dots become underscores, the unit is appended. */
    private static Set<String> platformGauges() throws IOException {
        Set<String> names = new TreeSet<>();
        Path metrics = Manifests.projectRoot().resolve("platform/src/main/java/dev/verity/platform/metrics");
        try (Stream<Path> files = Files.list(metrics)) {
            for (Path file : files.toList()) {
                Matcher gauge = GAUGE.matcher(Files.readString(file));
                while (gauge.find()) {
                    Matcher unit = BASE_UNIT.matcher(gauge.group(2));
                    names.add(gauge.group(1).replace('.', '_') + (unit.find() ? "_" + unit.group(1) : ""));
                }
            }
        }
        return names;
    }
}
