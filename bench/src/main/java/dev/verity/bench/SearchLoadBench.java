package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search under load on a real corpus: imports the 8,845 tldr pages through {@code POST /imports}, waits until every
 * card is indexed, then has N clients (default 16) search as a non-admin reader (so the permission filter is in every
 * query) for a fixed time with queries drawn from the corpus: command names, task words from the pages, and the same
 * words with two letters swapped. Prints throughput, latency percentiles, zero-result and typo-tolerated shares.
 * Services from their packaged jars, instance "searchload" (ports 30081-30084).
 */
final class SearchLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");

    private SearchLoadBench() {
    }

    record Outcome(double millis, long total, boolean typoTolerant, int status) {
    }

    public static void main(String[] args) throws Exception {
        int clients = 16;
        int seconds = 30;
        Path corpus = VeritySystem.projectRoot().resolve("../shared/datasets/tldr-pages-en-it.jsonl").normalize();
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--file" -> corpus = Path.of(args[++i]);
                default -> { }
            }
        }
        List<String> queries = queries(corpus, 900);
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "searchload", 22_000,
                System.out)) {
            DevKeys keys = DevKeys.ensure(stack.config().home());
            String owner = keys.mintToken("bench", "Bench", "bench@verity.dev", Set.of(), Duration.ofHours(2));
            HttpClient http = HttpClient.newHttpClient();
            String base = system.baseUrl("card-service");
            String collection = SearchLatencyBench.createCollection(http, owner, base, "search-load");
            System.out.printf("%n[bench] importing %s into collection %s%n", corpus.getFileName(), collection);
            JsonNode imported = ImportBench.importOnce(http, owner, base, collection, corpus);
            int cards = imported.path("created").asInt() + imported.path("updated").asInt()
                    + imported.path("unchanged").asInt();
            long indexStarted = System.nanoTime();
            awaitIndexed(http, stack.config().esPort(), "searchload-cards", collection, cards);
            System.out.printf("[bench] %d cards indexed %.1f s after the import completed%n", cards,
                    (System.nanoTime() - indexStarted) / 1e9);

            String searchUrl = system.baseUrl("search-service") + "/search?limit=10&q=";
            System.out.printf("[bench] warm-up: %d clients, 10 s%n", clients);
            load(http, owner, searchUrl, queries, clients, Duration.ofSeconds(10));
            System.out.printf("[bench] measuring: %d clients, %d s, %d distinct queries%n", clients, seconds,
                    queries.size());
            long started = System.nanoTime();
            List<Outcome> outcomes = load(http, owner, searchUrl, queries, clients, Duration.ofSeconds(seconds));
            double elapsed = (System.nanoTime() - started) / 1e9;
            report(outcomes, elapsed, clients);
        }
    }

    /** Command names, task words and typos from the corpus, shuffled with a fixed seed so runs compare. */
    static List<String> queries(Path corpus, int count) throws Exception {
        Random random = new Random(42);
        List<String> commands = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            JsonNode page = JSON.readTree(line);
            commands.add(page.path("command").asText());
            for (String row : page.path("markdown").asText().split("\n")) {
                if (row.startsWith("- ")) {
                    List<String> words = new ArrayList<>();
                    Matcher m = WORD.matcher(row.toLowerCase());
                    while (m.find()) {
                        words.add(m.group());
                    }
                    if (words.size() >= 2) {
                        int at = random.nextInt(words.size() - 1);
                        tasks.add(words.get(at) + " " + words.get(at + 1));
                    }
                    break;
                }
            }
        }
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                picked.add(commands.get(random.nextInt(commands.size())));
            } else if (kind < 8) {
                picked.add(tasks.get(random.nextInt(tasks.size())));
            } else {
                picked.add(typo(tasks.get(random.nextInt(tasks.size())).split(" ")[0], random));
            }
        }
        List<String> shuffled = new ArrayList<>(picked);
        Collections.shuffle(shuffled, random);
        return shuffled;
    }

    /** Two neighbouring inner letters swapped, the commonest typo. */
    private static String typo(String word, Random random) {
        if (word.length() < 5) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 3);
        char[] letters = word.toCharArray();
        char swap = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swap;
        return new String(letters);
    }

    private static void awaitIndexed(HttpClient http, int esPort, String alias, String collection, int cards)
            throws Exception {
        String query = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"collectionId\":\"" + collection
                + "\"}},{\"term\":{\"status\":\"PUBLISHED\"}}]}}}";
        long indexed = 0;
        long lastReport = 0;
        while (indexed < cards) {
            HttpResponse<String> count = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + esPort + "/" + alias + "/_count"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                    .build(), HttpResponse.BodyHandlers.ofString());
            indexed = JSON.readTree(count.body()).path("count").asLong();
            if (indexed - lastReport >= 1000 || indexed >= cards) {
                System.out.printf("[bench]   indexed %d of %d%n", indexed, cards);
                lastReport = indexed;
            }
            if (indexed < cards) {
                Thread.sleep(1000); // polling interval of the progress probe, not a synchronisation
            }
        }
    }

    private static List<Outcome> load(HttpClient http, String token, String searchUrl, List<String> queries,
            int clients, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    String q = queries.get((int) (next.getAndIncrement() % queries.size()));
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(searchUrl + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                            .header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    double millis = (System.nanoTime() - started) / 1e6;
                    JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
                    outcomes.add(new Outcome(millis, body.path("total").asLong(),
                            body.path("typoTolerant").asBoolean(), response.statusCode()));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS);
        return new ArrayList<>(outcomes);
    }

    private static void report(List<Outcome> outcomes, double seconds, int clients) {
        List<Double> latencies = new ArrayList<>(outcomes.stream().map(Outcome::millis).toList());
        Collections.sort(latencies);
        long errors = outcomes.stream().filter(o -> o.status() != 200).count();
        long zero = outcomes.stream().filter(o -> o.status() == 200 && o.total() == 0).count();
        long typo = outcomes.stream().filter(Outcome::typoTolerant).count();
        System.out.println();
        System.out.printf("=== GET /search, %d clients, reader with one collection (permission filter on) ===%n",
                clients);
        System.out.printf("queries %d in %.1f s: %.1f queries/s   errors %d%n", outcomes.size(), seconds,
                outcomes.size() / seconds, errors);
        System.out.printf("latency ms: p50 %.0f   p95 %.0f   p99 %.0f   max %.0f%n", SearchLatencyBench.pct(latencies,
                50), SearchLatencyBench.pct(latencies, 95), SearchLatencyBench.pct(latencies, 99),
                latencies.get(latencies.size() - 1));
        System.out.printf("zero results %.1f %%   typo-tolerant second pass %.1f %%%n",
                100.0 * zero / outcomes.size(), 100.0 * typo / outcomes.size());
    }
}
