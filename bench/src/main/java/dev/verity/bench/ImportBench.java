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
 * tldr-pages (English and Italian) of {@code ../shared/datasets}, into a fresh collection. Prints, in one run:
 * <ol>
 *   <li>the first import: cards/s and the time from the start of the upload to COMPLETED;</li>
 *   <li>the time from that COMPLETED until every card is searchable (search-service's index counts all the
 *       collection's cards, polled every 100 ms); taken before the re-import, so nothing else competes with it;</li>
 *   <li>the re-import of the same file: every item must come back UNCHANGED; cards/s and time to COMPLETED.</li>
 * </ol>
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
            long completed = first.path("completedAtNanos").asLong();
            int cards = first.path("created").asInt() + first.path("updated").asInt() + first.path("unchanged").asInt();
            String count = stack.endpoints().elasticsearchUrl() + "/bench-cards/_count";
            double searchable = awaitSearchable(http, count, collection, cards, completed);
            JsonNode second = importOnce(http, token, base, collection, corpus);
            System.out.println();
            System.out.printf("=== bulk import through POST /imports (NDJSON): %s, %d items ===%n",
                    corpus.getFileName(), first.path("total").asInt());
            report("first import", first);
            report("re-import", second);
            System.out.printf("%-13s all %d cards searchable %.2f s after the first import's COMPLETED%n", "searchable",
                    cards, searchable);
            System.out.printf("%-13s first %.0f cards/s (aim >= 1,000; COMPLETED in %.1f s, aim < 10 s), re-import "
                            + "%.0f cards/s (aim >= 5,000), searchable %.2f s after COMPLETED%n", "summary",
                    rate(first), first.path("endToEndSeconds").asDouble(), rate(second), searchable);
        }
    }

    /** Cards/s from the start of the upload to COMPLETED: what the submitter waits for. */
    private static double rate(JsonNode p) {
        return p.path("total").asInt() / p.path("endToEndSeconds").asDouble();
    }

    /**
     * Seconds from {@code completedAtNanos} until the collection's published cards are all counted by the index
     * search-service answers from (a count sees only what a search would find).
     */
    static double awaitSearchable(HttpClient http, String countUrl, String collection, int cards,
            long completedAtNanos) throws Exception {
        String query = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"collectionId\":\"" + collection
                + "\"}},{\"term\":{\"status\":\"PUBLISHED\"}}]}}}";
        long lastReport = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(countUrl))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            long indexed = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("count").asLong() : 0;
            if (indexed >= cards) {
                System.out.printf("[bench]   searchable %d of %d%n", indexed, cards);
                return (now - completedAtNanos) / 1e9;
            }
            if (indexed / 1000 != lastReport / 1000) {
                System.out.printf("[bench]   searchable %d of %d%n", indexed, cards);
                lastReport = indexed;
            }
            if (now > deadline) {
                throw new IllegalStateException("only " + indexed + " of " + cards + " cards searchable after 10 minutes");
            }
            Thread.sleep(100); // polling interval of the probe, not a synchronisation
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
            Thread.sleep(100); // polling interval of the progress probe, not a synchronisation
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("completedAtNanos", System.nanoTime());
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("uploadSeconds", uploadSeconds);
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("location", location);
        ((com.fasterxml.jackson.databind.node.ObjectNode) progress).put("endToEndSeconds", (System.nanoTime() - started) / 1e9);
        return progress;
    }

    private static void report(String label, JsonNode p) {
        System.out.printf("%-13s items %d: created %d, updated %d, unchanged %d, failed %d%n", label,
                p.path("total").asInt(), p.path("created").asInt(), p.path("updated").asInt(),
                p.path("unchanged").asInt(), p.path("failed").asInt());
        System.out.printf("%-13s upload+validate %.1f s; applied at %.0f cards/s; COMPLETED %.1f s after the upload "
                        + "began: %.0f cards/s%n", "",
                p.path("uploadSeconds").asDouble(), p.path("cardsPerSecond").asDouble(),
                p.path("endToEndSeconds").asDouble(), p.path("total").asInt() / p.path("endToEndSeconds").asDouble());
        p.path("errors").forEach(e -> System.out.printf("%-13s   failed item %d (%s): %s%n", "",
                e.path("position").asInt(), e.path("externalId").asText(), e.path("message").asText()));
    }
}
