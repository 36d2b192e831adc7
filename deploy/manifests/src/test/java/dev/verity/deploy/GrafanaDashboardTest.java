package dev.verity.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard plots only metrics the services export, and every meter Verity's code registers has a panel: the
 * platform's gauges and the services' own counters, timers and summaries, by the names the code gives them.
 */
class GrafanaDashboardTest {

    /** Exported by Quarkus Micrometer and the Kafka client binder, not by Verity's code. */
    private static final Set<String> LIBRARY_PREFIXES = Set.of("http_server_requests_seconds", "kafka_consumer_",
            "jvm_", "process_");
    /** Where meters are registered: platform and each service. */
    private static final List<String> SOURCES = List.of("platform", "card-service", "verification-service",
            "search-service", "notification-service");
    /** {@code Gauge.builder("verity.outbox.pending", ...)...register(registry)}, with its {@code .baseUnit("seconds")} if any. */
    private static final Pattern METER = Pattern.compile(
            "(Gauge|Counter|Timer|DistributionSummary)\\.builder\\(\"(verity\\.[a-z.]+)\"(.*?)\\.register\\(", Pattern.DOTALL);
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
        Map<String, Set<String>> meters = verityMeters();
        Set<String> exported = new TreeSet<>();
        meters.values().forEach(exported::addAll);
        Set<String> unknown = new TreeSet<>();
        for (String metric : plotted) {
            boolean library = LIBRARY_PREFIXES.stream().anyMatch(metric::startsWith);
            if (!library && !exported.contains(metric)) {
                unknown.add(metric);
            }
        }
        assertTrue(unknown.isEmpty(), "the dashboard plots metrics nothing exports: " + unknown + "; Verity exports " + exported);
        Set<String> withoutPanel = new TreeSet<>();
        meters.forEach((meter, series) -> {
            if (series.stream().noneMatch(plotted::contains)) {
                withoutPanel.add(meter);
            }
        });
        assertTrue(withoutPanel.isEmpty(), "every Verity meter has a panel; none for " + withoutPanel);
        assertTrue(meters.size() >= 8, "found only " + meters.keySet());
    }

    /**
     * Each meter Verity's code registers, with the Prometheus series it becomes: dots become underscores, the unit is
     * appended (seconds for timers), counters end in _total, timers and summaries have _count, _sum, _max, _bucket.
     */
    private static Map<String, Set<String>> verityMeters() throws IOException {
        Map<String, Set<String>> meters = new TreeMap<>();
        for (String module : SOURCES) {
            Path sources = Manifests.projectRoot().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher meter = METER.matcher(Files.readString(file));
                    while (meter.find()) {
                        Matcher unit = BASE_UNIT.matcher(meter.group(3));
                        String kind = meter.group(1);
                        String base = meter.group(2).replace('.', '_') + (kind.equals("Timer") ? "_seconds"
                                : unit.find() ? "_" + unit.group(1) : "");
                        meters.put(meter.group(2), switch (kind) {
                            case "Gauge" -> Set.of(base);
                            case "Counter" -> Set.of(base + "_total");
                            default -> Set.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
                        });
                    }
                }
            }
        }
        return meters;
    }
}
