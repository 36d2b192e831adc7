package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import java.io.RandomAccessFile;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search under load on a real corpus, against the two things it should beat or match, in ONE run: imports the
 * 8,845 tldr pages through {@code POST /imports}, waits until every card is indexed, then
 * <ol>
 *   <li>has N clients (default 16) run the same queries, in interleaved rounds after a warm-up, through
 *       {@code GET /search} as a non-admin reader (so the permission filter is in every query); straight against
 *       Elasticsearch with the very requests the service sent for each query (captured from its DEBUG log of
 *       {@code IndexQueries}, so the exact-then-typo passes and the permission filter are the same; the service is then
 *       restarted without that log before anything is measured); and against
 *       PostgreSQL full-text search over the same pages ({@link PostgresFullText});</li>
 *   <li>scores relevance, MRR@10 and the zero-result share, on task descriptions from the pages, some with a
 *       typo ({@link RelevanceQueries}), for the service and for PostgreSQL;</li>
 *   <li>measures write → searchable at a steady 50 writes/s ({@link IndexingLagProbe}).</li>
 * </ol>
 * Services from their packaged jars, instance "searchload" (ports 30081-30084).
 */
final class SearchLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    private static final String ALIAS = "searchload-cards";
    private static final String REQUEST_MARK = "es-request POST ";
    /** The log level that makes search-service log each Elasticsearch request ({@code IndexQueries}, DEBUG). */
    private static final String DEBUG_REQUESTS = "quarkus.log.category.\"dev.verity.search.index.IndexQueries\".level";

    private SearchLoadBench() {
    }

    record Outcome(double millis, long total, boolean typoTolerant, int status) {
    }

    /** One way of answering a query, as a client would time it. */
    interface Engine {
        Outcome run(String query) throws Exception;
    }

    /** @param cpu CPU nanoseconds each process tree used during the measured rounds ({@link ProcessCpu}) */
    record Figures(String label, int clients, double seconds, List<Outcome> outcomes, Map<String, Long> cpu) {

        /** Milliseconds of CPU the named process tree spent per query answered. */
        double cpuMillisPerQuery(String process) {
            return cpu.getOrDefault(process, 0L) / 1e6 / Math.max(1, outcomes.size());
        }

        double throughput() {
            return outcomes.size() / seconds;
        }

        double percentile(int p) {
            List<Double> latencies = new ArrayList<>(outcomes.stream().map(Outcome::millis).toList());
            Collections.sort(latencies);
            return SearchLatencyBench.pct(latencies, p);
        }

        long errors() {
            return outcomes.stream().filter(o -> o.status() != 200).count();
        }

        double zeroShare() {
            return 100.0 * outcomes.stream().filter(o -> o.status() == 200 && o.total() == 0).count()
                    / outcomes.size();
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = 16;
        int seconds = 30;
        int writesPerSecond = 50;
        int lagSeconds = 30;
        int rounds = 3;
        // the service has just been restarted (without the capture's request log): long enough for its JIT to settle
        int warmUpSeconds = 30;
        Path corpus = VeritySystem.projectRoot().resolve("../shared/datasets/tldr-pages-en-it.jsonl").normalize();
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--file" -> corpus = Path.of(args[++i]);
                case "--writes-per-second" -> writesPerSecond = Integer.parseInt(args[++i]);
                case "--lag-seconds" -> lagSeconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warm-up-seconds" -> warmUpSeconds = Integer.parseInt(args[++i]);
                default -> { }
            }
        }
        List<String> queries = queries(corpus, 900);
        List<RelevanceQueries.Judged> judged = RelevanceQueries.derive(corpus, 400, 0.3);
        LocalStack stack = LocalStack.fromEnvironment();
        Map<String, Map<String, String>> settings = Map.of("search-service", Map.of(DEBUG_REQUESTS, "DEBUG"));
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "searchload", BenchPorts.offset(22_000),
                System.out, Duration.ofSeconds(600), settings)) {
            DevKeys keys = DevKeys.ensure(stack.config().home());
            // a reader of its own per run: the same user would also read the collections of earlier runs, whose twin
            // cards would then compete with this run's in every ranking
            String reader = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            String owner = keys.mintToken(reader, "Bench", reader + "@verity.dev", Set.of(), Duration.ofHours(2));
            // HTTP/1.1, as Elasticsearch is spoken to and as pods behind an ingress are: over plain http the JDK client would
            // upgrade to HTTP/2 (h2c) and multiplex every client on one connection, served by one Vert.x event loop
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = system.baseUrl("card-service");
            String collection = SearchLatencyBench.createCollection(http, owner, base, "search-load");
            System.out.printf("%n[bench] importing %s into collection %s%n", corpus.getFileName(), collection);
            JsonNode imported = ImportBench.importOnce(http, owner, base, collection, corpus);
            int cards = imported.path("created").asInt() + imported.path("updated").asInt()
                    + imported.path("unchanged").asInt();
            Map<String, String> pageOfCard = pagesOfCards(http, owner, imported.path("location").asText());
            long indexStarted = System.nanoTime();
            String esUrl = stack.endpoints().elasticsearchUrl();
            awaitIndexed(http, esUrl, collection, cards);
            double indexSeconds = (System.nanoTime() - indexStarted) / 1e9;
            System.out.printf("[bench] %d cards indexed %.1f s after the import completed%n", cards, indexSeconds);

            Endpoints pg = stack.endpoints();
            stack.ensureDatabase("verity_searchload_fts");
            try (PostgresFullText fts = new PostgresFullText(pg.jdbcUrl("verity_searchload_fts"), pg.pgUser(),
                    pg.pgPassword())) {
                long loadStarted = System.nanoTime();
                int pages = fts.load(corpus);
                System.out.printf("[bench] PostgreSQL: %d pages loaded and indexed (GIN) in %.1f s%n", pages,
                        (System.nanoTime() - loadStarted) / 1e9);

                String searchUrl = system.baseUrl("search-service") + "/search?limit=10&q=";
                Engine service = q -> viaService(http, owner, searchUrl, q);
                Path log = stack.config().home().resolve("logs").resolve("search-service-searchload.log");
                System.out.printf("[bench] capturing the Elasticsearch requests of %d queries from %s%n",
                        queries.size(), log.getFileName());
                Map<String, List<String[]>> sent = capture(queries, service, log);
                // the measured service must not pay for the capture: a DEBUG line per request costs it CPU and I/O
                // that Elasticsearch, fed the same requests, does not pay
                Duration restarted = system.restartWith("search-service", Map.of(DEBUG_REQUESTS, "INFO"),
                        Duration.ofSeconds(600));
                System.out.printf("[bench] search-service restarted without the request log (ready in %.1f s)%n",
                        restarted.toMillis() / 1000.0);
                Engine raw = q -> viaElasticsearch(http, esUrl, sent.get(q));
                Engine postgres = q -> {
                    long started = System.nanoTime();
                    PostgresFullText.Result r = fts.search(q);
                    return new Outcome((System.nanoTime() - started) / 1e6, r.total(), false, 200);
                };

                ProcessCpu cpu = ProcessCpu.of(system, List.of("search-service"), stack);
                List<Figures> figures = measure(List.of("GET /search (service)", "Elasticsearch, the same requests",
                        "PostgreSQL websearch_to_tsquery"), List.of(service, raw, postgres), queries, clients, seconds,
                        rounds, Duration.ofSeconds(warmUpSeconds), cpu);
                // the same again with the service on CPUs of its own, as deployed: what it adds, not what it takes
                List<Figures> apart = List.of();
                Optional<CorePinning> pinning = CorePinning.split(system, stack);
                if (pinning.isPresent()) {
                    try (CorePinning pinned = pinning.get()) {
                        apart = measure(List.of("GET /search (service)", "Elasticsearch, the same requests"),
                                List.of(service, raw), queries, clients, seconds, rounds, Duration.ofSeconds(10), cpu);
                    }
                }

                System.out.printf("[bench] relevance: %d judged task descriptions (%d with a typo)%n", judged.size(),
                        judged.stream().filter(RelevanceQueries.Judged::typo).count());
                double[] serviceRelevance = relevance("service", judged, q -> serviceIds(http, owner, searchUrl, q, pageOfCard));
                double[] postgresRelevance = relevance("PostgreSQL", judged, q -> fts.search(q).pageIds());

                System.out.printf("[bench] indexing lag: %d writes/s for %d s%n", writesPerSecond, lagSeconds);
                String lagCollection = SearchLatencyBench.createCollection(http, owner, base, "search-lag");
                IndexingLagProbe.Result lag = IndexingLagProbe.run(http, owner, base + "/cards", lagCollection,
                        esUrl + "/" + ALIAS + "/_search", writesPerSecond, lagSeconds);

                report(cards, indexSeconds, figures, apart, cpu.names(), judged, serviceRelevance, postgresRelevance,
                        lag);
            }
        }
    }

    /** externalId (the page id) of every imported card, from the import's item list. */
    private static Map<String, String> pagesOfCards(HttpClient http, String token, String importUrl)
            throws Exception {
        Map<String, String> pages = new HashMap<>();
        String after = "";
        while (after != null) {
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(importUrl
                            + "/items?limit=1000" + (after.isEmpty() ? "" : "&after=" + after)))
                    .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode item : page.path("items")) {
                pages.put(item.path("cardId").asText(), item.path("externalId").asText());
            }
            after = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asText();
        }
        return pages;
    }

    private static Outcome viaService(HttpClient http, String token, String searchUrl, String q) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(searchUrl + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
        return new Outcome(millis, body.path("total").asLong(), body.path("typoTolerant").asBoolean(),
                response.statusCode());
    }

    /** The requests the service sent for one query, one after another as it sends them. */
    private static Outcome viaElasticsearch(HttpClient http, String esUrl, List<String[]> requests) throws Exception {
        long started = System.nanoTime();
        long total = 0;
        int status = 200;
        for (String[] request : requests) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(esUrl + request[0]))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request[1])).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                status = response.statusCode();
            } else if (request[1].contains("\"query\"")) {
                total = Math.max(total, JSON.readTree(response.body()).path("hits").path("total").path("value").asLong());
            }
        }
        return new Outcome((System.nanoTime() - started) / 1e6, total, requests.size() > 1, status);
    }

    /**
     * Runs each query once through the service, one at a time, and reads what its log gained meanwhile: the
     * requests the service sent to Elasticsearch for that query (logged before they are sent, so complete when the
     * answer arrives).
     */
    private static Map<String, List<String[]>> capture(List<String> queries, Engine service, Path log)
            throws Exception {
        Map<String, List<String[]>> sent = new HashMap<>();
        try (RandomAccessFile reader = new RandomAccessFile(log.toFile(), "r")) {
            reader.seek(reader.length());
            int requests = 0;
            for (String q : queries) {
                Outcome outcome = service.run(q);
                if (outcome.status() != 200) {
                    throw new IllegalStateException("GET /search?q=" + q + " answered " + outcome.status());
                }
                List<String[]> mine = new ArrayList<>();
                String line;
                while ((line = reader.readLine()) != null) {
                    int at = line.indexOf(REQUEST_MARK);
                    if (at >= 0) {
                        String rest = new String(line.substring(at + REQUEST_MARK.length())
                                .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                        int space = rest.indexOf(' ');
                        mine.add(new String[] {rest.substring(0, space), rest.substring(space + 1)});
                    }
                }
                if (mine.isEmpty()) {
                    throw new IllegalStateException("no Elasticsearch request logged for '" + q + "' in " + log
                            + ": is the DEBUG level of dev.verity.search.index.IndexQueries on?");
                }
                sent.put(q, mine);
                requests += mine.size();
            }
            System.out.printf("[bench]   %d requests for %d queries (%.2f per query)%n", requests, queries.size(),
                    (double) requests / queries.size());
        }
        return sent;
    }

    /**
     * Each engine in turn for a slice of the time, round after round, so that whatever else the machine is doing
     * falls on all of them alike (a shared machine's load changes from one minute to the next).
     */
    private static List<Figures> measure(List<String> labels, List<Engine> engines, List<String> queries,
            int clients, int seconds, int rounds, Duration warmUp, ProcessCpu cpu) throws Exception {
        for (int e = 0; e < engines.size(); e++) {
            System.out.printf("[bench] warm-up %s: %d clients, %d s%n", labels.get(e), clients, warmUp.toSeconds());
            load(engines.get(e), queries, clients, warmUp);
        }
        List<List<Outcome>> outcomes = new ArrayList<>();
        List<Map<String, Long>> used = new ArrayList<>();
        double[] elapsed = new double[engines.size()];
        engines.forEach(e -> {
            outcomes.add(new ArrayList<>());
            used.add(new HashMap<>());
        });
        Duration slice = Duration.ofMillis(seconds * 1000L / rounds);
        for (int r = 1; r <= rounds; r++) {
            for (int e = 0; e < engines.size(); e++) {
                System.out.printf("[bench] round %d of %d: %s, %d clients, %.1f s%n", r, rounds, labels.get(e),
                        clients, slice.toMillis() / 1000.0);
                long started = System.nanoTime();
                Map<String, Long> before = cpu.sample();
                outcomes.get(e).addAll(load(engines.get(e), queries, clients, slice));
                Map<String, Long> spent = used.get(e);
                ProcessCpu.minus(cpu.sample(), before).forEach((name, nanos) -> spent.merge(name, nanos, Long::sum));
                elapsed[e] += (System.nanoTime() - started) / 1e9;
            }
        }
        List<Figures> figures = new ArrayList<>();
        for (int e = 0; e < engines.size(); e++) {
            figures.add(new Figures(labels.get(e), clients, elapsed[e], outcomes.get(e), used.get(e)));
        }
        return figures;
    }

    interface Ranker {
        List<String> rank(String query) throws Exception;
    }

    private static List<String> serviceIds(HttpClient http, String token, String searchUrl, String q,
            Map<String, String> pageOfCard) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(searchUrl + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /search?q=" + q + " answered " + response.statusCode());
        }
        List<String> pages = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits")) {
            pages.add(pageOfCard.getOrDefault(hit.path("id").asText(), "?"));
        }
        return pages;
    }

    /** {MRR@10 all, zero-result % all, MRR@10 without typo, MRR@10 with typo}. */
    private static double[] relevance(String label, List<RelevanceQueries.Judged> judged, Ranker ranker)
            throws Exception {
        List<String> nothing = new ArrayList<>();
        double all = 0;
        double clean = 0;
        double typo = 0;
        int typos = 0;
        int zero = 0;
        for (RelevanceQueries.Judged j : judged) {
            List<String> ranked = ranker.rank(j.query());
            double rr = RelevanceQueries.reciprocalRank(ranked, j.pageId());
            all += rr;
            if (j.typo()) {
                typo += rr;
                typos++;
            } else {
                clean += rr;
            }
            if (ranked.isEmpty()) {
                zero++;
                if (nothing.size() < 12) {
                    nothing.add(j.query());
                }
            }
        }
        if (!nothing.isEmpty()) {
            System.out.printf("[bench]   %s found nothing for %d, e.g.: %s%n", label, zero, String.join(" | ", nothing));
        }
        return new double[] {all / judged.size(), 100.0 * zero / judged.size(),
                clean / Math.max(1, judged.size() - typos), typo / Math.max(1, typos)};
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

    private static void awaitIndexed(HttpClient http, String esUrl, String collection, int cards)
            throws Exception {
        awaitIndexed(http, esUrl, ALIAS, collection, cards);
    }

    /** Until the collection's published cards are all in the index behind {@code alias}. */
    static void awaitIndexed(HttpClient http, String esUrl, String alias, String collection, int cards)
            throws Exception {
        String query = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"collectionId\":\"" + collection
                + "\"}},{\"term\":{\"status\":\"PUBLISHED\"}}]}}}";
        long indexed = 0;
        long lastReport = 0;
        while (indexed < cards) {
            HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(esUrl + "/" + alias + "/_count"))
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

    private static List<Outcome> load(Engine engine, List<String> queries, int clients, Duration duration)
            throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Object>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    outcomes.add(engine.run(queries.get((int) (next.getAndIncrement() % queries.size()))));
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<Object> client : running) {
            client.get(duration.toSeconds() + 120, TimeUnit.SECONDS); // a client's failure ends the bench loudly
        }
        return new ArrayList<>(outcomes);
    }

    /** Latency and throughput of each engine, their ratio, and where each query's CPU time went. */
    private static void table(List<Figures> figures, List<String> processes) {
        System.out.printf("%-34s %9s %7s %7s %7s %7s %7s %7s%n", "", "queries/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "errors", "zero %");
        for (Figures f : figures) {
            System.out.printf("%-34s %9.1f %7.0f %7.0f %7.0f %7.0f %7d %7.1f%n", f.label(), f.throughput(),
                    f.percentile(50), f.percentile(95), f.percentile(99), f.percentile(100), f.errors(),
                    f.zeroShare());
        }
        Figures svc = figures.get(0);
        Figures raw = figures.get(1);
        System.out.printf("service / Elasticsearch: throughput %.2fx (aim >= 0.8), p99 %.2fx (aim <= 1.3)%n",
                svc.throughput() / raw.throughput(), svc.percentile(99) / raw.percentile(99));
        // where each answer's time went: on one machine every millisecond the service spends is taken from the others
        System.out.printf("%-34s", "CPU ms per query");
        processes.forEach(name -> System.out.printf(" %14s", name));
        System.out.println();
        for (Figures f : figures) {
            System.out.printf("%-34s", f.label());
            processes.forEach(name -> System.out.printf(" %14.2f", f.cpuMillisPerQuery(name)));
            System.out.println();
        }
    }

    private static void report(int cards, double indexSeconds, List<Figures> figures, List<Figures> apart,
            List<String> processes, List<RelevanceQueries.Judged> judged, double[] service, double[] postgres,
            IndexingLagProbe.Result lag) {
        System.out.println();
        System.out.printf("=== search-load: %d tldr cards (indexed %.1f s after the import), %d clients, "
                + "non-admin reader (permission filter on) ===%n", cards, indexSeconds, figures.get(0).clients());
        table(figures, processes);
        if (!apart.isEmpty()) {
            System.out.printf("--- the same, with the service on a CPU of its own (as deployed: Elasticsearch and the "
                    + "clients on one half of the CPUs, the services and PostgreSQL on the other) ---%n");
            table(apart, processes);
        }
        Figures svc = figures.get(0);
        System.out.printf("typo-tolerant second pass in %.1f %% of service queries%n",
                100.0 * svc.outcomes().stream().filter(Outcome::typoTolerant).count() / svc.outcomes().size());
        long typos = judged.stream().filter(RelevanceQueries.Judged::typo).count();
        System.out.printf("relevance on %d task descriptions (%d with a typo)   MRR@10   zero %%   "
                + "MRR clean   MRR typo%n", judged.size(), typos);
        System.out.printf("  %-62s %6.3f   %6.1f   %9.3f   %8.3f%n", "service", service[0], service[1], service[2],
                service[3]);
        System.out.printf("  %-62s %6.3f   %6.1f   %9.3f   %8.3f%n", "PostgreSQL", postgres[0], postgres[1],
                postgres[2], postgres[3]);
        if (lag.lagsMillis().isEmpty()) {
            System.out.printf("indexing lag: nothing became searchable (%d written, %d failed)%n", lag.written(),
                    lag.failedWrites());
        } else {
            System.out.printf("indexing lag at %.1f writes/s (%d cards, %d failed writes, %d never searchable): "
                    + "p50 %.0f ms   p99 %.0f ms   max %.0f ms%n", lag.achievedRate(), lag.written(),
                    lag.failedWrites(), lag.neverSeen(), SearchLatencyBench.pct(lag.lagsMillis(), 50),
                    SearchLatencyBench.pct(lag.lagsMillis(), 99), lag.lagsMillis().get(lag.lagsMillis().size() - 1));
        }
    }
}
