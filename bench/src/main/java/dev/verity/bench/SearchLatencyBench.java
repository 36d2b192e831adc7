package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Write-to-search latency: N cards created one after another through card-service; for each, the time from
 * {@code POST /cards} returning to the card being found by {@code GET /search}. Also each service's start time
 * and resident memory. The services run from their packaged jars, instance "bench" (own databases, ports 28081-4).
 */
final class SearchLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static String collectionId;

    private SearchLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = 200;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cards") && i + 1 < args.length) {
                cards = Integer.parseInt(args[++i]);
            }
        }
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "bench", BenchPorts.offset(20_000), System.out)) {
            String token = DevKeys.ensure(stack.config().home())
                    .mintToken("bench", "Bench", "bench@verity.dev", Set.of(), Duration.ofHours(1));
            // HTTP/1.1, as Elasticsearch is spoken to and as pods behind an ingress are: over plain http the JDK client would
            // upgrade to HTTP/2 (h2c) and multiplex every client on one connection, served by one Vert.x event loop
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String cardsUrl = system.baseUrl("card-service") + "/cards";
            collectionId = createCollection(http, token, system.baseUrl("card-service"), "search-latency");
            String searchUrl = system.baseUrl("search-service") + "/search?limit=1&q=";

            System.out.printf("%n[bench] warm-up: 20 cards%n");
            run(http, token, cardsUrl, searchUrl, 20);
            System.out.printf("[bench] measuring: %d cards created one after another%n", cards);
            List<Double> latencies = run(http, token, cardsUrl, searchUrl, cards);

            Collections.sort(latencies);
            System.out.println();
            System.out.println("=== POST /cards returned -> card found by GET /search (ms) ===");
            System.out.printf("cards %d   p50 %.0f   p95 %.0f   p99 %.0f   max %.0f   mean %.0f%n", latencies.size(),
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1),
                    latencies.stream().mapToDouble(d -> d).average().orElse(0));
            System.out.println();
            System.out.println("=== services (packaged jars, -Xmx512m, SerialGC) ===");
            Map<String, Duration> starts = system.startTimes();
            for (ServiceProcess process : system.processes()) {
                System.out.printf("%-21s start-to-ready %5.1f s   RSS after run %5d MB%n", process.name(),
                        starts.get(process.name()).toMillis() / 1000.0, process.residentMemoryKb() / 1024);
            }
        }
    }

    private static List<Double> run(HttpClient http, String token, String cardsUrl, String searchUrl, int count)
            throws Exception {
        List<Double> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String word = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String body = JSON.writeValueAsString(Map.of("collectionId", collectionId, "title", "Benchmark card " + i,
                    "body", "Latency probe " + word + ". Customers ask how long a refund takes.",
                    "tags", List.of("bench")));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(cardsUrl))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long returned = System.nanoTime();
            if (created.statusCode() != 201) {
                throw new IllegalStateException("POST /cards answered " + created.statusCode() + ": " + created.body());
            }
            HttpRequest search = HttpRequest.newBuilder(URI.create(searchUrl
                    + URLEncoder.encode(word, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).GET().build();
            while (true) {
                HttpResponse<String> found = http.send(search, HttpResponse.BodyHandlers.ofString());
                JsonNode result = JSON.readTree(found.body());
                if (found.statusCode() == 200 && result.path("total").asLong() > 0) {
                    latencies.add((System.nanoTime() - returned) / 1_000_000.0);
                    break;
                }
                if (System.nanoTime() - returned > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("card " + word + " not searchable after " + GIVE_UP);
                }
                Thread.onSpinWait();
                Thread.sleep(5); // polling interval of the probe, not a synchronisation
            }
        }
        return latencies;
    }

    /** A fresh collection owned by the token's user: every card lives in one. */
    static String createCollection(HttpClient http, String token, String cardServiceUrl, String purpose)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", "bench " + purpose + " " + UUID.randomUUID()));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(cardServiceUrl + "/collections"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /collections answered " + created.statusCode() + ": " + created.body());
        }
        return JSON.readTree(created.body()).get("id").asText();
    }

    static double pct(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
