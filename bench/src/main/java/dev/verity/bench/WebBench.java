package dev.verity.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;

/**
 * The browser's view of search: the four services and the web server (instance {@code webbench}, ports +21000 or
 * {@code VERITY_BENCH_PORT_OFFSET}) with the tldr
 * corpus imported, then one Chromium typing at least 200 queries a character at a time
 * ({@code web/src/bench/keystrokes.mjs}): keystroke → rendered suggestions and Enter → rendered results, p50/p95,
 * and the gzipped size of the JavaScript and CSS the first page loads. Needs the web module built
 * ({@code ./verity bench web} builds everything) and /usr/bin/chromium.
 */
final class WebBench {

    private WebBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = 200;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--queries") && i + 1 < args.length) {
                count = Integer.parseInt(args[++i]);
            }
        }
        Path root = VeritySystem.projectRoot();
        Path corpus = root.resolve("../shared/datasets/tldr-pages-en-it.jsonl").normalize();
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(root, stack, "webbench", BenchPorts.offset(21_000), System.out,
                Duration.ofSeconds(300))) {
            system.startWeb(System.out, Duration.ofSeconds(120));
            DevKeys keys = DevKeys.ensure(stack.config().home());
            // alice: the person the browser signs in as, so the collection is hers to read
            String token = keys.mintToken("alice", "Alice Author", "alice@verity.dev", Set.of(), Duration.ofHours(2));
            HttpClient http = HttpClient.newHttpClient();
            String cards = system.baseUrl("card-service");
            String collection = SearchLatencyBench.createCollection(http, token, cards, "web");
            System.out.printf("%n[bench] importing %s into collection %s%n", corpus.getFileName(), collection);
            var progress = ImportBench.importOnce(http, token, cards, collection, corpus);
            int total = progress.path("created").asInt() + progress.path("updated").asInt() + progress.path("unchanged").asInt();
            // the search alias of instance webbench (VeritySystem.launch)
            SearchLoadBench.awaitIndexed(http, stack.endpoints().elasticsearchUrl(), "webbench-cards", collection, total);

            List<String> queries = SearchLoadBench.queries(corpus, count);
            Path file = Files.createTempFile("web-bench-queries", ".txt");
            Files.write(file, queries);
            ProcessBuilder node = new ProcessBuilder("node", "src/bench/keystrokes.mjs")
                    .directory(root.resolve("web").toFile()).inheritIO();
            node.environment().put("VERITY_WEB_URL", system.baseUrl("web"));
            node.environment().put("VERITY_BENCH_QUERIES", file.toString());
            int exit = node.start().waitFor();
            Files.deleteIfExists(file);
            if (exit != 0) {
                throw new IllegalStateException("the browser benchmark failed (exit " + exit + ")");
            }
        }
    }

}
