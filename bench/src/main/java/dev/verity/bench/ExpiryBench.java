package dev.verity.bench;

import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Expiry at scale: seeds N verification policies that are all due (one set-based INSERT from
 * {@code generate_series}), lets verification-service's expiry pass run, and prints the time until every card is
 * UNVERIFIED and every {@code verification.expired} event is on Kafka, events per second and the service's peak
 * memory; meanwhile C clients (default 8) verify other cards, not due, through {@code POST /verifications/{id}/verify}
 * from the seed until both are done, and p50/p95/p99/max of those requests is printed (after a warm-up before the
 * seed). Only verification-service runs, from its packaged jar: instance "expiry" (database
 * {@code verity_verification_expiry}, port 8082 + {@code VERITY_BENCH_PORT_OFFSET} (23000 without it), topics
 * {@code expiry.*}), so nothing it does reaches {@code ./verity run} or other benchmarks.
 */
final class ExpiryBench {

    private static final String INSTANCE = "expiry";
    private static final int PORT = BenchPorts.offset(23_000) + 8082;
    private static final String DATABASE = "verity_verification_" + INSTANCE;
    private static final String TOPIC = INSTANCE + ".verity.verifications";
    private static final String VERIFIER = "bench-verifier";
    private static final UUID COLLECTION = UUID.fromString("00000000-0000-4000-8000-00000000e001");
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private ExpiryBench() {
    }

    public static void main(String[] args) throws Exception {
        int cards = 1_000_000;
        int clients = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cards" -> cards = positive(args, ++i);
                case "--clients" -> clients = positive(args, ++i);
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; expiry takes [--cards N] [--clients N]");
                    System.exit(2);
                }
            }
        }
        LocalStack stack = LocalStack.fromEnvironment();
        Endpoints endpoints = stack.ensureStarted();
        stack.ensureDatabase(DATABASE);
        DevKeys keys = DevKeys.ensure(endpoints.home());
        Path jar = VeritySystem.projectRoot().resolve("verification-service/target/quarkus-app/quarkus-run.jar");
        Path log = endpoints.home().resolve("logs/verification-service-" + INSTANCE + ".log");
        System.out.printf("[bench] starting verification-service on port %d (log %s), %d cores%n", PORT, log,
                Runtime.getRuntime().availableProcessors());
        try (ServiceProcess service = ServiceProcess.start("verification-service", jar, PORT,
                properties(endpoints, keys, INSTANCE, PORT), password(endpoints), log,
                List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"))) {
            service.awaitReady(Duration.ofSeconds(120));
            Connection db = DriverManager.getConnection(endpoints.jdbcUrl(DATABASE), endpoints.pgUser(),
                    endpoints.pgPassword());
            ensureTopic(endpoints.kafkaBootstrap());
            reset(db);

            // verify targets: cards that are not due, so verifying them changes nothing the pass has to do
            int verifyCards = Math.max(2_000, clients * 100);
            seed(db, verifyCards, false);
            List<UUID> targets = someCards(db, verifyCards);
            String token = keys.mintToken(VERIFIER, "Bench verifier", "bench@verity.dev", Set.of(), Duration.ofHours(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            int warm = clients * 25;
            Verifier warmUp = new Verifier(http, token, targets, clients);
            warmUp.runUntil(() -> warmUp.count() >= warm);
            System.out.printf("[bench] %,d warm-up verify requests on %,d cards that are not due%n", warmUp.count(),
                    verifyCards);

            try (ExpiredEvents events = new ExpiredEvents(endpoints.kafkaBootstrap())) {
                System.out.printf("[bench] seeding %,d policies, all due...%n", cards);
                long seedStart = System.nanoTime();
                seed(db, cards, true);
                long seeded = System.nanoTime();
                System.out.printf("[bench] seeded in %.1f s (one INSERT ... SELECT generate_series); %d clients verify"
                        + " cards that are not due until every card is UNVERIFIED and every event on Kafka%n",
                        seconds(seedStart, seeded), clients);

                long[] allUnverified = {0};
                long[] allOnKafka = {0};
                long[] peakRssKb = {service.residentMemoryKb()};
                long deadline = seeded + LIMIT.toNanos();
                int total = cards;
                Verifier during = new Verifier(http, token, targets, clients);
                during.runUntil(() -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(250); // a progress poll, not a wait for a condition a test asserts
                        peakRssKb[0] = Math.max(peakRssKb[0], service.residentMemoryKb());
                        if (allUnverified[0] == 0 && stillDue(db) == 0) {
                            allUnverified[0] = System.nanoTime();
                        }
                        if (allOnKafka[0] == 0 && events.count() >= total) {
                            allOnKafka[0] = System.nanoTime();
                        }
                        return (allUnverified[0] != 0 && allOnKafka[0] != 0) || System.nanoTime() > deadline;
                    } catch (InterruptedException | SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Optional<Double> firstExpiryAfterSeed = firstExpiryAfter(db, seeded);
                System.out.printf("%n[bench] expiry of %,d due cards%n", cards);
                report("every card UNVERIFIED", seeded, allUnverified[0]);
                report("every verification.expired event on Kafka", seeded, allOnKafka[0]);
                System.out.printf("  expired events seen on %s: %,d%n", TOPIC, events.count());
                firstExpiryAfterSeed.ifPresent(s -> System.out.printf(
                        "  (the first expiry pass started %.1f s after the seed: the scheduler's period)%n", s));
                if (allOnKafka[0] > 0) {
                    double spent = seconds(seeded, allOnKafka[0]);
                    double working = spent - firstExpiryAfterSeed.orElse(0.0);
                    System.out.printf("  events/s: %,.0f from the seed, %,.0f from the first pass%n", cards / spent,
                            cards / working);
                }
                System.out.printf("  verification-service RSS: peak %,d MB during the run, %,d MB now (heap max 512 MB)%n",
                        peakRssKb[0] / 1024, service.residentMemoryKb() / 1024);
                long[] latencies = during.latencies();
                System.out.printf("%n[bench] POST /verifications/{id}/verify during the pass, %d clients: %,d requests"
                        + " (%,.0f/s)%n", clients, latencies.length, latencies.length / seconds(seeded, System.nanoTime()));
                if (latencies.length > 0) {
                    System.out.printf("  p50 %.1f ms   p95 %.1f ms   p99 %.1f ms   max %.1f ms%n",
                            percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                            latencies[latencies.length - 1] / 1e6);
                }
                if (during.failures() > 0) {
                    System.out.printf("  (%,d verify requests failed)%n", during.failures());
                }
            }
            db.close();
        }
    }

    /** verification-service alone as instance {@code instance}: its own database, topics and consumer group. */
    static Map<String, String> properties(Endpoints endpoints, DevKeys keys, String instance, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl("verity_verification_" + instance));
        props.put("quarkus.datasource.username", endpoints.pgUser());
        props.put("kafka.bootstrap.servers", endpoints.kafkaBootstrap());
        props.put("mp.jwt.verify.publickey.location", keys.publicKeyPem().toAbsolutePath().toString());
        props.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
        props.put("verity.auth.admin-groups", DevKeys.ADMIN_GROUP);
        props.put("verity.kafka.topic-prefix", instance + ".");
        props.put("mp.messaging.incoming.card-events.group.id", "verification-service_" + instance);
        props.put("verity.verification.expiry.every", "2s");
        return props;
    }

    static Map<String, String> password(Endpoints endpoints) {
        return endpoints.pgPassword().isEmpty() ? Map.of()
                : Map.of("QUARKUS_DATASOURCE_PASSWORD", endpoints.pgPassword());
    }

    private static void ensureTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The bench's own database: what an earlier run left is removed, the collection and its grant written. */
    private static void reset(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE verification_record, verification_history, verification_flag, outbox_event");
            sql.execute("INSERT INTO access_collection (id, version, deleted, updated_at) VALUES ('" + COLLECTION
                    + "', 1, false, now()) ON CONFLICT (id) DO NOTHING");
            sql.execute("INSERT INTO access_grant (collection_id, position, principal_type, principal_id, role)"
                    + " VALUES ('" + COLLECTION + "', 0, 'USER', '" + VERIFIER + "', 'COLLECTION_OWNER')"
                    + " ON CONFLICT DO NOTHING");
        }
    }

    /**
     * N cards verified 31 days ago every 30 days: all due since yesterday, spread over a second; or, not {@code due},
     * verified 20 days ago and due in 10.
     */
    private static void seed(Connection db, int cards, boolean due) throws SQLException {
        String verified = due ? "31 days" : "20 days";
        String dueAt = due ? "now() - interval '1 day'" : "now() + interval '10 days'";
        try (PreparedStatement sql = db.prepareStatement("""
                INSERT INTO verification_record (card_id, card_version, card_title, collection_id, verifier_id,
                    interval_days, status, state, last_verified_at, last_verified_by, next_due_at, created_at,
                    updated_at, policy_version, open_flags, card_verifier_id, card_interval_days, expires_at,
                    due_soon_pending)
                SELECT gen_random_uuid(), 1, 'Bench card ' || i, ?, ?, 30, 'VERIFIED', 'ACTIVE',
                       now() - interval '%1$s', ?, %2$s + i * interval '1 microsecond',
                       now() - interval '%1$s', now() - interval '%1$s', 1, 0, ?, 30,
                       %2$s + i * interval '1 microsecond', false
                  FROM generate_series(1, ?) AS i""".formatted(verified, dueAt))) {
            sql.setObject(1, COLLECTION);
            sql.setString(2, VERIFIER);
            sql.setString(3, VERIFIER);
            sql.setString(4, VERIFIER);
            sql.setInt(5, cards);
            sql.executeUpdate();
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("ANALYZE verification_record");
        }
    }

    /** Due cards not yet expired (the verify targets are due in 10 days or later, so not counted). */
    private static long stillDue(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT count(*) FROM verification_record WHERE expires_at < now() + interval '1 day'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Optional<Double> firstExpiryAfter(Connection db, long seededNanos) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT extract(epoch FROM min(at)) * 1000,"
                        + " extract(epoch FROM clock_timestamp()) * 1000 FROM verification_history WHERE kind = 'EXPIRED'")) {
            rows.next();
            double first = rows.getDouble(1);
            if (rows.wasNull()) {
                return Optional.empty();
            }
            double nowMillis = rows.getDouble(2);
            double seededAgo = (System.nanoTime() - seededNanos) / 1e6;
            return Optional.of(Math.max(0, (first - (nowMillis - seededAgo)) / 1000));
        }
    }

    private static List<UUID> someCards(Connection db, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement sql = db.prepareStatement("SELECT card_id FROM verification_record LIMIT ?")) {
            sql.setInt(1, count);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** C clients verifying cards round-robin, one request after another each, until told to stop. */
    private static final class Verifier {
        private final HttpClient http;
        private final String token;
        private final List<UUID> cards;
        private final int clients;
        private final java.util.concurrent.ConcurrentLinkedQueue<Long> latencies =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong next = new AtomicLong();
        private volatile boolean stop;

        Verifier(HttpClient http, String token, List<UUID> cards, int clients) {
            this.http = http;
            this.token = token;
            this.cards = cards;
            this.clients = clients;
        }

        long count() {
            return latencies.size() + failures.get();
        }

        long failures() {
            return failures.get();
        }

        long[] latencies() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted;
        }

        /** Runs the clients while {@code done} (called on this thread, again and again) says false. */
        void runUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                Thread worker = new Thread(() -> {
                    try {
                        while (!stop) {
                            UUID card = cards.get((int) (next.getAndIncrement() % cards.size()));
                            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                                    + "/verifications/" + card + "/verify"))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.noBody()).build();
                            long start = System.nanoTime();
                            try {
                                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() == 200) {
                                    latencies.add(System.nanoTime() - start);
                                } else {
                                    failures.incrementAndGet();
                                }
                            } catch (java.io.IOException e) {
                                failures.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        stopped.countDown();
                    }
                }, "verify-client-" + c);
                worker.setDaemon(true);
                worker.start();
            }
            try {
                while (!done.getAsBoolean()) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            } finally {
                stop = true;
                stopped.await();
            }
        }
    }

    /** Counts the verification.expired events arriving on the bench's topic, from where it ended before the seed. */
    private static final class ExpiredEvents implements AutoCloseable {
        private final AtomicLong count = new AtomicLong();
        private final TopicTail tail;

        ExpiredEvents(String bootstrap) {
            tail = new TopicTail(bootstrap, TOPIC, TopicTail.VERIFICATION_EXPIRED, record -> count.incrementAndGet());
        }

        long count() {
            return count.get();
        }

        @Override
        public void close() throws InterruptedException {
            tail.close();
        }
    }

    private static void report(String what, long from, long at) {
        if (at == 0) {
            System.out.printf("  %-45s not within %d min%n", what, LIMIT.toMinutes());
        } else {
            System.out.printf("  %-45s %7.1f s after the seed%n", what, seconds(from, at));
        }
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a number");
        }
        int value = Integer.parseInt(args[i]);
        if (value < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
        }
        return value;
    }
}
