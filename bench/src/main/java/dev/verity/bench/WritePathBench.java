package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Write path: how many cards per second card-service creates and updates with C concurrent clients (each write is
 * one transaction holding the card, its version row and its outbox event), against a plain-JDBC baseline that
 * inserts one {@code card} row and one {@code outbox_event} row per transaction into the same database with the same
 * number of threads. The ratio says how much of the database's raw write capacity the service delivers. A second
 * baseline is a minimal Quarkus + Panache service (bench/panache-baseline) writing the same three rows per create
 * (card, card_version, outbox_event) behind its own {@code POST /cards}: the fair floor for a framework service.
 * Then write → searchable lag at a steady create rate ({@link IndexingLagProbe}, 200/s by default).
 * Then the read path: {@code GET /cards/{id}} throughput with view counting on and off
 * ({@code verity.usage.count-views}, card-service restarted with each setting in the same run).
 * The services run from their packaged jars, instance "bench" (own databases, ports 8081-4 plus
 * {@code VERITY_BENCH_PORT_OFFSET}, default 20000).
 */
final class WritePathBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "bench";
    /** Marks the baseline's rows so they are found and deleted (and never relayed: published_at is set). */
    private static final String BASELINE_SLUG_PREFIX = "jdbc-baseline-";
    /** The Quarkus + Panache baseline's (bench/panache-baseline) marks its card rows so. */
    private static final String PANACHE_SLUG_PREFIX = "panache-baseline-";
    private static final String BASELINE_TOPIC = "bench.baseline";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private WritePathBench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = 4_000;
        int clients = 32;
        int warmup = 300;
        int reads = -1;
        int lagRate = 200;
        int lagSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cards" -> cards = positive(args, ++i);
                case "--clients" -> clients = positive(args, ++i);
                case "--warmup" -> warmup = positive(args, ++i);
                case "--reads" -> reads = atLeastZero(args, ++i);
                case "--lag-rate" -> lagRate = atLeastZero(args, ++i);
                case "--lag-seconds" -> lagSeconds = positive(args, ++i);
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; write-path takes [--cards N] [--clients N] [--warmup N] [--reads N]"
                            + " [--lag-rate W] [--lag-seconds S]");
                    System.exit(2);
                }
            }
        }
        if (reads < 0) {
            reads = cards;
        }
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, INSTANCE, BenchPorts.offset(20_000),
                System.out, Duration.ofSeconds(300))) {
            Endpoints endpoints = stack.endpoints();
            String database = VeritySystem.SERVICES.stream().filter(s -> s.name().equals("card-service")).findFirst()
                    .orElseThrow().database() + "_" + INSTANCE;
            Db db = new Db(endpoints.jdbcUrl(database), endpoints.pgUser(), endpoints.pgPassword());
            String token = DevKeys.ensure(stack.config().home())
                    .mintToken("bench", "Bench", "bench@verity.dev", Set.of(), Duration.ofHours(1));
            // HTTP/1.1: one keep-alive connection per concurrent client, no h2c upgrade dance on plain http
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            Api api = new Api(http, token, system.baseUrl("card-service"));
            String run = Long.toString(System.currentTimeMillis(), 36);

            deleteBaselineRows(db); // left over by an interrupted run
            String collectionId = api.createCollection("bench-" + run);
            System.out.printf("%n[bench] collection %s (bench-%s); %d clients, %d cards per phase after %d warm-up, %d cores%n",
                    collectionId, run, clients, cards, warmup, Runtime.getRuntime().availableProcessors());

            System.out.printf("[bench] warm-up: %d creates, %d updates through card-service%n", warmup, warmup);
            List<CardRef> warm = new ArrayList<>();
            runPhase(clients, warmup, c -> new CreateWorker(api, collectionId, run + "w", c, warm));
            runPhase(clients, warmup, updateWorkers(api, warm, clients));
            settle(db, system);

            System.out.printf("[bench] JDBC baseline: %d warm-up + %d transactions (card + outbox_event), %d threads%n",
                    warmup, cards, clients);
            Phase baseline;
            Cpu baselineCpu;
            try {
                runPhase(clients, warmup, c -> new JdbcWorker(db, collectionId, run + "w", c));
                Cpu cpu0 = Cpu.sample(system);
                baseline = runPhase(clients, cards, c -> new JdbcWorker(db, collectionId, run, c));
                baselineCpu = Cpu.sample(system).minus(cpu0);
            } finally {
                int deleted = deleteBaselineRows(db);
                System.out.printf("[bench] deleted the baseline's %d card rows and their outbox rows%n", deleted);
            }
            settle(db, system);

            // the second baseline: a minimal Quarkus + Panache service writing the same three rows per create, on its
            // own port against the same database, started only for its phase
            System.out.printf("[bench] Quarkus + Panache baseline: %d warm-up + %d creates through its POST /cards,"
                    + " %d clients%n", warmup, cards, clients);
            Phase panache;
            long panacheCpuNanos;
            try (ServiceProcess baselineService = startPanacheBaseline(endpoints, database,
                    BenchPorts.offset(20_000) + 8085, stack.config().home())) {
                Api baselineApi = new Api(http, token, baselineService.baseUrl());
                List<CardRef> ignored = new ArrayList<>();
                runPhase(clients, warmup, c -> new CreateWorker(baselineApi, collectionId, run + "pw", c, ignored));
                long before = cpuNanos(baselineService);
                panache = runPhase(clients, cards, c -> new CreateWorker(baselineApi, collectionId, run + "p", c, ignored));
                panacheCpuNanos = cpuNanos(baselineService) - before;
            } finally {
                int deleted = deleteBaselineRows(db);
                System.out.printf("[bench] deleted the Panache baseline's %d card rows and their outbox rows%n", deleted);
            }
            System.out.printf(Locale.ROOT, "[bench]   %.1f creates/s (uptime: %s)%n", panache.rate(), uptime());
            settle(db, system);

            System.out.printf("[bench] measuring: %d creates through POST /cards, %d clients%n", cards, clients);
            List<CardRef> measured = new ArrayList<>();
            Cpu cpu0 = Cpu.sample(system);
            Phase create = runPhase(clients, cards, c -> new CreateWorker(api, collectionId, run, c, measured));
            Cpu createCpu = Cpu.sample(system).minus(cpu0);
            System.out.printf(Locale.ROOT, "[bench]   %.1f creates/s, card-service %.2f ms CPU per create (uptime: %s)%n",
                    create.rate(), createCpu.service("card-service") / 1e6 / cards, uptime());
            Duration createDrain = awaitOutboxDrained(db);
            settle(db, system);

            System.out.printf("[bench] measuring: %d updates through PUT /cards/{id} with If-Match, %d clients%n",
                    cards, clients);
            cpu0 = Cpu.sample(system);
            Phase update = runPhase(clients, cards, updateWorkers(api, measured, clients));
            Cpu updateCpu = Cpu.sample(system).minus(cpu0);
            Duration updateDrain = awaitOutboxDrained(db);

            // the measured cards' events (before the lag phase writes its short cards)
            int servicePayload = db.queryInt("SELECT coalesce(avg(octet_length(payload)), 0)::int FROM (SELECT payload"
                    + " FROM outbox_event WHERE topic = 'verity.cards' ORDER BY seq DESC LIMIT 200) recent");

            // write -> searchable at a steady rate (issue 27: p99 <= 1.5 s at 200 writes/s), before the read path
            // restarts card-service
            IndexingLagProbe.Result lag = null;
            String lagLoad = "";
            if (lagRate > 0) {
                settle(db, system);
                System.out.printf("[bench] indexing lag: %d creates/s for %d s, each until GET-able in Elasticsearch"
                        + " (alias %s-cards)%n", lagRate, lagSeconds, INSTANCE);
                String lagLoadBefore = uptime();
                // where the lag goes: each card.created's arrival on the instance's topic splits it in two
                Map<String, Long> onKafka = new java.util.concurrent.ConcurrentHashMap<>();
                try (TopicTail tail = new TopicTail(endpoints.kafkaBootstrap(), INSTANCE + ".verity.cards",
                        "dev.verity.card.created", record -> onKafka.putIfAbsent(record.key(), System.nanoTime()))) {
                    lag = IndexingLagProbe.run(http, token, system.baseUrl("card-service") + "/cards", collectionId,
                            endpoints.elasticsearchUrl() + "/" + INSTANCE + "-cards/_search", lagRate, lagSeconds, onKafka);
                }
                lagLoad = lagLoadBefore + " -> " + uptime();
            }

            // the read path: GET /cards/{id} with view counting on and off, card-service restarted with each setting in
            // the order on, off, off, on (so a load that drifts during the run weighs on both alike), the same warm-up
            // before each. All clients read the measured cards in turn as one person (bench), so the first read of each
            // card in a window is a counted view and the others repeats within the view window (memory only).
            boolean[] order = { true, false, false, true };
            List<Phase> on = new ArrayList<>();
            List<Phase> off = new ArrayList<>();
            long[] readCpuNanos = new long[2];
            int readWarmup = Math.max(warmup, 500);
            for (boolean counting : reads == 0 ? new boolean[0] : order) {
                Duration ready = system.restartWith("card-service",
                        Map.of("verity.usage.count-views", Boolean.toString(counting)), Duration.ofSeconds(300));
                System.out.printf("[bench] card-service restarted with verity.usage.count-views=%s (ready in %.1f s);"
                        + " warm-up %d reads, then measuring %d reads of GET /cards/{id}, %d clients%n", counting,
                        ready.toMillis() / 1000.0, readWarmup, reads, clients);
                runPhase(clients, readWarmup, c -> new ReadWorker(api, measured));
                Cpu before = Cpu.sample(system);
                Phase phase = runPhase(clients, reads, c -> new ReadWorker(api, measured));
                readCpuNanos[counting ? 0 : 1] += Cpu.sample(system).minus(before).service("card-service");
                (counting ? on : off).add(phase);
                System.out.printf(Locale.ROOT, "[bench]   %.1f reads/s (uptime: %s)%n", phase.rate(), uptime());
            }
            Phase[] readPhases = reads == 0 ? null : new Phase[] { Phase.of(on), Phase.of(off) };


            System.out.println();
            System.out.printf("=== write path: %d clients, %d operations per phase, after %d warm-up (ms) ===%n",
                    clients, cards, warmup);
            System.out.printf("%-32s %6s %8s %9s %8s %8s %8s %8s %8s %10s %12s%n", "phase", "ops", "seconds", "ops/s",
                    "p50", "p95", "p99", "max", "mean", "outbox +s", "svc CPU/op");
            print("service  POST /cards", create, String.format(Locale.ROOT, "%.2f", createDrain.toMillis() / 1000.0),
                    String.format(Locale.ROOT, "%.1f ms", createCpu.service("card-service") / 1e6 / cards));
            print("service  PUT /cards/{id}", update, String.format(Locale.ROOT, "%.2f", updateDrain.toMillis() / 1000.0),
                    String.format(Locale.ROOT, "%.1f ms", updateCpu.service("card-service") / 1e6 / cards));
            print("Panache  POST /cards (3 rows)", panache, "-",
                    String.format(Locale.ROOT, "%.1f ms", panacheCpuNanos / 1e6 / cards));
            print("JDBC     card + outbox_event", baseline, "-", "-");
            if (readPhases != null) {
                print("service  GET /cards/{id} views on", readPhases[0], "-",
                        String.format(Locale.ROOT, "%.1f ms", readCpuNanos[0] / 1e6 / (2.0 * reads)));
                print("service  GET /cards/{id} views off", readPhases[1], "-",
                        String.format(Locale.ROOT, "%.1f ms", readCpuNanos[1] / 1e6 / (2.0 * reads)));
            }
            System.out.println();
            if (readPhases != null) {
                System.out.printf("read rate, views counted / not counted   %.2f   (goal >= 0.9; each setting measured"
                        + " twice, in the order on, off, off, on)%n", readPhases[0].rate() / readPhases[1].rate());
            }
            System.out.printf("create rate / Quarkus + Panache baseline   %.2f   (goal >= 0.5)%n",
                    create.rate() / panache.rate());
            System.out.printf(Locale.ROOT, "card-service CPU per create   %.2f ms   (goal <= 1.5 ms; the Panache baseline"
                    + " %.2f ms)%n", createCpu.service("card-service") / 1e6 / cards, panacheCpuNanos / 1e6 / cards);
            System.out.printf("create rate / JDBC baseline rate   %.2f%n", create.rate() / baseline.rate());
            System.out.printf("update rate / JDBC baseline rate   %.2f%n", update.rate() / baseline.rate());
            if (lag != null) {
                if (lag.lagsMillis().isEmpty()) {
                    System.out.printf("indexing lag: nothing became searchable (%d written, %d failed)%n",
                            lag.written(), lag.failedWrites());
                } else {
                    System.out.printf(Locale.ROOT, "indexing lag at %.1f creates/s (%d cards, %d failed writes, %d never"
                            + " searchable): p50 %.0f ms   p95 %.0f ms   p99 %.0f ms   max %.0f ms   (goal p99 <= 1500 ms"
                            + " at 200/s; load %s)%n", lag.achievedRate(), lag.written(), lag.failedWrites(),
                            lag.neverSeen(), SearchLatencyBench.pct(lag.lagsMillis(), 50),
                            SearchLatencyBench.pct(lag.lagsMillis(), 95), SearchLatencyBench.pct(lag.lagsMillis(), 99),
                            lag.lagsMillis().get(lag.lagsMillis().size() - 1), lagLoad);
                    if (!lag.toKafkaMillis().isEmpty()) {
                        System.out.printf(Locale.ROOT, "  of which POST answered -> card.created on Kafka (outbox relay):"
                                + " p50 %.0f ms   p99 %.0f ms;   on Kafka -> searchable (consumer, _bulk, refresh every"
                                + " 1 s): p50 %.0f ms   p99 %.0f ms   (%d cards)%n",
                                SearchLatencyBench.pct(lag.toKafkaMillis(), 50), SearchLatencyBench.pct(lag.toKafkaMillis(), 99),
                                SearchLatencyBench.pct(lag.kafkaToSearchableMillis(), 50),
                                SearchLatencyBench.pct(lag.kafkaToSearchableMillis(), 99), lag.toKafkaMillis().size());
                    }
                }
            }
            System.out.println("uptime at the end: " + uptime());
            System.out.println();
            System.out.printf("outbox payload: service %d bytes (mean of the last 200 card events), baseline %d bytes%n",
                    servicePayload, JdbcWorker.payloadBytes.get());
            System.out.println("outbox +s: from the phase's last response until the relay had published every event");
            System.out.println("svc CPU/op: card-service process CPU time during the phase, per request");
            System.out.println();
            System.out.printf("=== CPU used during each measured phase (core-seconds, %d cores) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-32s %14s", "phase", "machine busy");
            for (ServiceProcess process : system.processes()) {
                System.out.printf(" %21s", process.name());
            }
            System.out.printf(" %10s %12s%n", "bench JVM", "other");
            Cpu.print("service  POST /cards", createCpu, system);
            Cpu.print("service  PUT /cards/{id}", updateCpu, system);
            Cpu.print("JDBC     card + outbox_event", baselineCpu, system);
            System.out.println("bench JVM: the load generator itself (HTTP clients or JDBC threads); other: everything else"
                    + " on the machine (PostgreSQL, Kafka, Elasticsearch, ...)");
        }
    }

    /** The machine's load averages, as {@code uptime} prints them: the figures mean little without them. */
    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static int atLeastZero(String[] args, int i) {
        if (i >= args.length || !args[i].matches("0|[1-9][0-9]*")) {
            System.err.println("'" + args[i - 1] + "' needs a number (0 or more)");
            System.exit(2);
        }
        return Integer.parseInt(args[i]);
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length || !args[i].matches("[1-9][0-9]*")) {
            System.err.println("'" + args[i - 1] + "' needs a positive number");
            System.exit(2);
        }
        return Integer.parseInt(args[i]);
    }

    private static void print(String label, Phase p, String drain, String cpu) {
        System.out.printf(Locale.ROOT, "%-32s %6d %8.2f %9.1f %8.1f %8.1f %8.1f %8.1f %8.1f %10s %12s%n", label,
                p.latenciesMs.length, p.wallNanos / 1e9, p.rate(), p.pct(50), p.pct(95), p.pct(99),
                p.latenciesMs[p.latenciesMs.length - 1], Arrays.stream(p.latenciesMs).average().orElse(0), drain, cpu);
    }

    // --- running a phase ------------------------------------------------------------------------------------------

    /** One client's (or thread's) work; {@code op} is called once per operation, from that client's thread only. */
    private interface Worker extends AutoCloseable {
        void op(int seq) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private interface WorkerFactory {
        Worker create(int client) throws Exception;
    }

    private record Phase(long wallNanos, double[] latenciesMs) {

        /** Several runs of one phase as one: their operations and their wall times added up. */
        static Phase of(List<Phase> runs) {
            return new Phase(runs.stream().mapToLong(Phase::wallNanos).sum(), runs.stream()
                    .flatMapToDouble(p -> Arrays.stream(p.latenciesMs())).sorted().toArray());
        }

        double rate() {
            return latenciesMs.length / (wallNanos / 1e9);
        }

        double pct(int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(index, latenciesMs.length - 1))];
        }
    }

    /**
     * {@code total} operations shared by {@code clients} threads (each takes the next one as soon as it is free, so
     * all stay busy to the end). Workers are created before the clock starts and closed after it stops.
     */
    private static Phase runPhase(int clients, int total, WorkerFactory factory) throws Exception {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                workers.add(factory.create(c));
            }
            long[] nanos = new long[total];
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < workers.size(); c++) {
                Worker worker = workers.get(c);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        int seq;
                        while (failure.get() == null && (seq = next.getAndIncrement()) < total) {
                            long t0 = System.nanoTime();
                            worker.op(seq);
                            nanos[seq] = System.nanoTime() - t0;
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-client-" + c);
                thread.start();
                threads.add(thread);
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long wall = System.nanoTime() - t0;
            if (failure.get() != null) {
                throw new IllegalStateException("a client failed: " + failure.get().getMessage(), failure.get());
            }
            double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
            return new Phase(wall, ms);
        } finally {
            for (Worker worker : workers) {
                worker.close();
            }
        }
    }

    // --- card-service over HTTP -------------------------------------------------------------------------------------

    /** A card one client created and alone updates, so its ETag is always current (a 412 is a bench bug). */
    private static final class CardRef {
        final String id;
        final String title;
        final int client;
        final int seq;
        String etag;
        int revision;

        CardRef(String id, String title, int client, int seq, String etag) {
            this.id = id;
            this.title = title;
            this.client = client;
            this.seq = seq;
            this.etag = etag;
        }
    }

    private record Api(HttpClient http, String token, String baseUrl) {

        String createCollection(String name) throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/collections"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name)))), 201);
            return JSON.readTree(response.body()).path("id").asText();
        }

        HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
            HttpRequest built = request.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(REQUEST_TIMEOUT).build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + " (expected " + expected + "): " + response.body());
            }
            return response;
        }

        static String etag(HttpResponse<String> response) throws Exception {
            return response.headers().firstValue("ETag")
                    .orElse("\"" + JSON.readTree(response.body()).path("version").asLong() + "\"");
        }
    }

    /** Reads the cards in turn (each client from its own starting point), as a person (token {@code bench}). */
    private static final class ReadWorker implements Worker {
        private final Api api;
        private final List<CardRef> cards;

        ReadWorker(Api api, List<CardRef> cards) {
            this.api = api;
            this.cards = cards;
        }

        @Override
        public void op(int seq) throws Exception {
            CardRef card = cards.get(seq % cards.size());
            api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/cards/" + card.id)).GET(), 200);
        }
    }

    private static final class CreateWorker implements Worker {
        private final Api api;
        private final String collectionId;
        private final String run;
        private final int client;
        private final List<CardRef> created = new ArrayList<>();
        private final List<CardRef> sink;

        CreateWorker(Api api, String collectionId, String run, int client, List<CardRef> sink) {
            this.api = api;
            this.collectionId = collectionId;
            this.run = run;
            this.client = client;
            this.sink = sink;
        }

        @Override
        public void op(int seq) throws Exception {
            // the run id keeps titles (and so slugs) distinct from earlier runs' cards in the same database
            String title = "Bench card " + run + "-" + client + "-" + seq;
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("collectionId", collectionId);
            card.put("title", title);
            card.put("body", Corpus.markdown(client + "-" + seq, 0));
            card.put("tags", List.of("bench"));
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/cards"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(card))), 201);
            JsonNode body = JSON.readTree(response.body());
            created.add(new CardRef(body.path("id").asText(), title, client, seq, Api.etag(response)));
        }

        @Override
        public void close() {
            synchronized (sink) {
                sink.addAll(created);
            }
        }
    }

    /** Card i goes to client i mod C, so no two clients ever edit the same card. */
    private static WorkerFactory updateWorkers(Api api, List<CardRef> cards, int clients) {
        List<List<CardRef>> owned = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            owned.add(new ArrayList<>());
        }
        for (int i = 0; i < cards.size(); i++) {
            owned.get(i % clients).add(cards.get(i));
        }
        return c -> new UpdateWorker(api, owned.get(c));
    }

    private static final class UpdateWorker implements Worker {
        private final Api api;
        private final List<CardRef> cards;
        private int next;

        UpdateWorker(Api api, List<CardRef> cards) {
            this.api = api;
            this.cards = cards;
        }

        @Override
        public void op(int seq) throws Exception {
            if (cards.isEmpty()) {
                throw new IllegalStateException("fewer cards than clients: use at least --clients cards and warm-up");
            }
            CardRef card = cards.get(next++ % cards.size());
            card.revision++;
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("title", card.title);
            content.put("body", Corpus.markdown(card.client + "-" + card.seq, card.revision));
            content.put("tags", List.of("bench"));
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/cards/" + card.id))
                    .header("If-Match", card.etag)
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(content))), 200);
            card.etag = Api.etag(response);
        }
    }

    // --- plain JDBC baseline -----------------------------------------------------------------------------------------

    private record Db(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password.isEmpty() ? null : password);
        }

        int queryInt(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * One connection, autocommit off; per transaction one {@code card} row and one {@code outbox_event} row of the
     * sizes card-service writes, then commit. The outbox row is born published so the relay never sends it.
     */
    private static final class JdbcWorker implements Worker {
        static final AtomicInteger payloadBytes = new AtomicInteger();

        private final Connection connection;
        private final PreparedStatement insertCard;
        private final PreparedStatement insertEvent;
        private final UUID collectionId;
        private final String run;
        private final int client;

        JdbcWorker(Db db, String collectionId, String run, int client) throws SQLException {
            this.connection = db.connect();
            connection.setAutoCommit(false);
            this.insertCard = connection.prepareStatement("""
                    INSERT INTO card (id, version, title, body, tags, status, author_id, verifier_id,
                                      verification_interval_days, created_at, created_by, updated_at, updated_by,
                                      collection_id, folder_ids, slug, owner_id, source_url, body_html, verify_on,
                                      external_id, status_before_archive)
                    VALUES (?, 1, ?, ?, ?, 'PUBLISHED', 'bench', 'bench', 90, ?, 'bench', ?, 'bench',
                            ?, ?, ?, 'bench', NULL, ?, NULL, NULL, NULL)""");
            this.insertEvent = connection.prepareStatement("""
                    INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload,
                                              published_at)
                    VALUES (?, ?, ?, 'card.created', '/card-service', ?, ?, ?, ?)""");
            this.collectionId = UUID.fromString(collectionId);
            this.run = run;
            this.client = client;
        }

        @Override
        public void op(int seq) throws Exception {
            UUID id = UUID.randomUUID();
            String key = client + "-" + seq;
            String title = "jdbc-baseline " + run + "-" + key;
            String slug = BASELINE_SLUG_PREFIX + run + "-" + key;
            String body = Corpus.markdown(key, 0);
            String bodyHtml = Corpus.html(key, 0);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String payload = payload(id, title, body, slug, now.toInstant());
            payloadBytes.set(payload.length());
            try {
                insertCard.setObject(1, id);
                insertCard.setString(2, title);
                insertCard.setString(3, body);
                insertCard.setArray(4, connection.createArrayOf("text", new String[] {"bench"}));
                insertCard.setObject(5, now);
                insertCard.setObject(6, now);
                insertCard.setObject(7, collectionId);
                insertCard.setArray(8, connection.createArrayOf("uuid", new UUID[0]));
                insertCard.setString(9, slug);
                insertCard.setString(10, bodyHtml);
                insertCard.executeUpdate();
                insertEvent.setObject(1, UUID.randomUUID());
                insertEvent.setString(2, BASELINE_TOPIC);
                insertEvent.setString(3, id.toString());
                insertEvent.setString(4, id.toString());
                insertEvent.setObject(5, now);
                insertEvent.setString(6, payload);
                insertEvent.setObject(7, now);
                insertEvent.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        /** The shape of card-service's card.created event data (CardEvent with its CardSnapshot). */
        private String payload(UUID id, String title, String body, String slug, Instant now)
                throws Exception {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("id", id);
            card.put("version", 1);
            card.put("title", title);
            card.put("body", body);
            card.put("tags", List.of("bench"));
            card.put("status", "PUBLISHED");
            card.put("authorId", "bench");
            card.put("verifierId", "bench");
            card.put("verificationIntervalDays", 90);
            card.put("createdAt", now.toString());
            card.put("updatedAt", now.toString());
            card.put("collectionId", collectionId);
            card.put("folderIds", List.of());
            card.put("slug", slug);
            card.put("ownerId", "bench");
            card.put("sourceUrl", null);
            card.put("verifyOn", null);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("cardId", id);
            event.put("cardVersion", 1);
            event.put("actorId", "bench");
            event.put("occurredAt", now.toString());
            event.put("card", card);
            return JSON.writeValueAsString(event);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Deletes every row the baseline wrote (also those of an interrupted earlier run); returns the cards deleted. */
    private static int deleteBaselineRows(Db db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // card_version rows go with their card (ON DELETE CASCADE)
            int cards = st.executeUpdate("DELETE FROM card WHERE slug LIKE '" + BASELINE_SLUG_PREFIX + "%' OR slug LIKE '"
                    + PANACHE_SLUG_PREFIX + "%'");
            st.executeUpdate("DELETE FROM outbox_event WHERE topic = '" + BASELINE_TOPIC + "'");
            if (cards > 0) {
                st.execute("VACUUM ANALYZE card, outbox_event"); // the next phase should not wade through dead rows
            }
            return cards;
        }
    }

    // --- between phases ---------------------------------------------------------------------------------------------

    /** Time until no outbox row of card-service waits for the relay. */
    private static Duration awaitOutboxDrained(Db db) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return Duration.ofNanos(System.nanoTime() - t0);
                    }
                }
                if (System.nanoTime() - t0 > SETTLE_LIMIT.toNanos()) {
                    throw new IllegalStateException("card-service's outbox still not drained after " + SETTLE_LIMIT);
                }
                Thread.sleep(20); // polling interval of the probe
            }
        }
    }

    /**
     * Waits until the relay has published everything and the four services are idle (together under 10% of one core
     * over half a second), so the consumers' catching up on one phase does not slow the next.
     */
    private static void settle(Db db, VeritySystem system) throws Exception {
        long t0 = System.nanoTime();
        awaitOutboxDrained(db);
        long before = totalCpuNanos(system);
        while (true) {
            Thread.sleep(500);
            long after = totalCpuNanos(system);
            if (after - before < 50_000_000L) {
                break;
            }
            if (System.nanoTime() - t0 > SETTLE_LIMIT.toNanos()) {
                System.out.printf("[bench] services still busy after %s; going on%n", SETTLE_LIMIT);
                break;
            }
            before = after;
        }
        System.out.printf("[bench] settled in %.1f s (outbox drained, services idle)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** CPU time consumed so far: the whole machine (from /proc/stat), each service process and this JVM. */
    private record Cpu(long machineBusy, long machineTotal, Map<String, Long> services, long bench) {

        static Cpu sample(VeritySystem system) {
            long busy = -1;
            long total = -1;
            try {
                // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks of 10 ms (USER_HZ = 100)
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long[] t = new long[8];
                for (int i = 0; i < 8; i++) {
                    t[i] = Long.parseLong(f[i + 1]) * 10_000_000L;
                }
                busy = t[0] + t[1] + t[2] + t[5] + t[6] + t[7];
                total = busy + t[3] + t[4];
            } catch (Exception e) {
                // not Linux: machine-wide figures stay unknown
            }
            Map<String, Long> services = new LinkedHashMap<>();
            for (ServiceProcess process : system.processes()) {
                services.put(process.name(), cpuNanos(process));
            }
            long bench = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            return new Cpu(busy, total, services, bench);
        }

        Cpu minus(Cpu earlier) {
            Map<String, Long> delta = new LinkedHashMap<>();
            services.forEach((name, nanos) -> delta.put(name, nanos - earlier.services.getOrDefault(name, 0L)));
            boolean machine = machineBusy >= 0 && earlier.machineBusy >= 0;
            return new Cpu(machine ? machineBusy - earlier.machineBusy : -1,
                    machine ? machineTotal - earlier.machineTotal : -1, delta, bench - earlier.bench);
        }

        long service(String name) {
            return services.getOrDefault(name, 0L);
        }

        static void print(String label, Cpu cpu, VeritySystem system) {
            System.out.printf(Locale.ROOT, "%-32s %14s", label, cpu.machineBusy < 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f (%.0f%%)", cpu.machineBusy / 1e9,
                            100.0 * cpu.machineBusy / Math.max(1, cpu.machineTotal)));
            long known = cpu.bench;
            for (ServiceProcess process : system.processes()) {
                long nanos = cpu.service(process.name());
                known += nanos;
                System.out.printf(Locale.ROOT, " %21.1f", nanos / 1e9);
            }
            System.out.printf(Locale.ROOT, " %10.1f %12s%n", cpu.bench / 1e9,
                    cpu.machineBusy < 0 ? "-" : String.format(Locale.ROOT, "%.1f", (cpu.machineBusy - known) / 1e9));
        }
    }

    /**
     * bench/panache-baseline's packaged app ({@code ./verity bench} builds it), on {@code port}, against card-service's
     * database of this instance; its own log under the stack's logs.
     */
    private static ServiceProcess startPanacheBaseline(Endpoints endpoints, String database, int port, Path home) {
        Path jar = VeritySystem.projectRoot().resolve("bench/panache-baseline/target/quarkus-app/quarkus-run.jar");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl(database));
        props.put("quarkus.datasource.username", endpoints.pgUser());
        Map<String, String> env = endpoints.pgPassword().isEmpty() ? Map.of()
                : Map.of("QUARKUS_DATASOURCE_PASSWORD", endpoints.pgPassword());
        System.out.printf("[bench] starting the Panache baseline on port %d%n", port);
        ServiceProcess process = ServiceProcess.start("panache-baseline", jar, port, props, env,
                home.resolve("logs").resolve("panache-baseline-" + INSTANCE + ".log"),
                List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC")); // as VeritySystem starts the services
        process.awaitReady(Duration.ofSeconds(300));
        return process;
    }

    private static long totalCpuNanos(VeritySystem system) {
        return system.processes().stream().mapToLong(WritePathBench::cpuNanos).sum();
    }

    private static long cpuNanos(ServiceProcess process) {
        return ProcessHandle.of(process.pid()).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(0L);
    }

    // --- content ------------------------------------------------------------------------------------------------------

    /** A realistic ~1 KB support answer in Markdown, and the HTML card-service renders from it (of similar size). */
    private static final class Corpus {

        static String markdown(String key, int revision) {
            return """
                    ## Refunds for card payments (%s)

                    Customers who paid by card get their money back within **3 to 5 business days** after the refund \
                    is issued; PayPal refunds are instant. Revision %d of this answer, kept current by the billing team.

                    To refund an order:

                    - Open the order in the back office and choose **Refund**.
                    - Pick the items to refund and the reason; shipping is refunded only with the whole order.
                    - Confirm: the customer receives an e-mail with the credit note attached.
                    - If the payment provider rejects the refund, escalate to billing with the order number.

                    Partial refunds are allowed up to the amount paid. Orders older than 180 days cannot be refunded \
                    to the card: offer a **store credit** instead and note it on the ticket.

                    See the [refund policy](https://help.example.com/billing/refunds) and the \
                    [payment methods FAQ](https://help.example.com/billing/payment-methods) for the details.
                    """.formatted(key, revision);
        }

        static String html(String key, int revision) {
            return ("<h2>Refunds for card payments (%s)</h2>\n<p>Customers who paid by card get their money back within "
                    + "<strong>3 to 5 business days</strong> after the refund is issued; PayPal refunds are instant. "
                    + "Revision %d of this answer, kept current by the billing team.</p>\n<p>To refund an order:</p>\n"
                    + "<ul>\n<li>Open the order in the back office and choose <strong>Refund</strong>.</li>\n"
                    + "<li>Pick the items to refund and the reason; shipping is refunded only with the whole order.</li>\n"
                    + "<li>Confirm: the customer receives an e-mail with the credit note attached.</li>\n"
                    + "<li>If the payment provider rejects the refund, escalate to billing with the order number.</li>\n"
                    + "</ul>\n<p>Partial refunds are allowed up to the amount paid. Orders older than 180 days cannot be "
                    + "refunded to the card: offer a <strong>store credit</strong> instead and note it on the ticket.</p>\n"
                    + "<p>See the <a href=\"https://help.example.com/billing/refunds\" rel=\"nofollow noopener\">refund "
                    + "policy</a> and the <a href=\"https://help.example.com/billing/payment-methods\" "
                    + "rel=\"nofollow noopener\">payment methods FAQ</a> for the details.</p>\n").formatted(key, revision);
        }

        private Corpus() {
        }
    }
}
