package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Bulk import of a whole corpus through the public API ({@code POST /imports}, NDJSON): by default the 8,845
 * tldr-pages (English and Italian) of {@code ../shared/datasets}. Prints progress while the job runs, then
 * the upload time, the time to apply every item and the rate in cards/s; then imports the same file again to
 * show it is idempotent (every item UNCHANGED, no duplicates) and how fast a no-op re-import is.
 */
final class ImportBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = VeritySystem.projectRoot().resolve("../shared/datasets/tldr-pages-en-it.jsonl").normalize();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--file") && i + 1 < args.length) {
                corpus = Path.of(args[++i]);
            }
        }
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("no corpus at " + corpus + " (pass --file <ndjson>)");
        }
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "bench", BenchPorts.offset(20_000), System.out,
                Duration.ofSeconds(300))) { // four services starting at once on a loaded 2-core box need more than 120 s
            String token = DevKeys.ensure(stack.config().home())
                    .mintToken("bench", "Bench", "bench@verity.dev", Set.of(), Duration.ofHours(1));
            HttpClient http = HttpClient.newHttpClient();
            String base = system.baseUrl("card-service");
            String collection = SearchLatencyBench.createCollection(http, token, base, "import");
            System.out.printf("%n[bench] importing %s (%d MB) into collection %s%n", corpus.getFileName(),
                    Files.size(corpus) / (1024 * 1024), collection);
            JsonNode first = importOnce(http, token, base, collection, corpus);
            JsonNode second = importOnce(http, token, base, collection, corpus);
            System.out.println();
            System.out.println("=== bulk import through POST /imports (NDJSON) ===");
            report("first import", first);
            report("re-import", second);
        }
    }

    static JsonNode importOnce(HttpClient http, String token, String base, String collection, Path corpus)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/imports?collectionId=" + collection + "&tagFields=platform,lang"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(corpus)).build(), HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - started) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("POST /imports answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String location = accepted.headers().firstValue("Location").orElseThrow();
        System.out.printf("[bench] upload accepted in %.1f s; following %s%n", uploadSeconds, location);
        JsonNode progress;
        int lastPercent = -1;
        while (true) {
            progress = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(location))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            int percent = (int) progress.path("percent").asDouble();
            if (percent / 10 != lastPercent / 10) {
                System.out.printf("[bench]   %3d%%  done %d of %d (created %d, updated %d, unchanged %d, failed %d)%n",
                        percent, progress.path("done").asInt(), progress.path("total").asInt(),
                        progress.path("created").asInt(), progress.path("updated").asInt(),
                        progress.path("unchanged").asInt(), progress.path("failed").asInt());
                lastPercent = percent;
            }
            if ("COMPLETED".equals(progress.path("status").asText())) {
                break;
            }
            Thread.sleep(500); // polling interval of the progress probe, not a synchronisation
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("uploadSeconds", uploadSeconds);
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("location", location);
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("endToEndSeconds", (System.nanoTime() - started) / 1e9);
        return progress;
    }

    private static void report(String label, JsonNode p) {
        System.out.printf("%-13s items %d: created %d, updated %d, unchanged %d, failed %d%n", label,
                p.path("total").asInt(), p.path("created").asInt(), p.path("updated").asInt(),
                p.path("unchanged").asInt(), p.path("failed").asInt());
        System.out.printf("%-13s upload+validate %.1f s; applied at %.0f cards/s; end to end %.1f s (%.0f cards/s)%n", "",
                p.path("uploadSeconds").asDouble(), p.path("cardsPerSecond").asDouble(),
                p.path("endToEndSeconds").asDouble(), p.path("total").asInt() / p.path("endToEndSeconds").asDouble());
        p.path("errors").forEach(e -> System.out.printf("%-13s   failed item %d (%s): %s%n", "",
                e.path("position").asInt(), e.path("externalId").asText(), e.path("message").asText()));
    }
}
