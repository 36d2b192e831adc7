package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * notification-service under load (issue 12), on its own system: instance "notifybench" (databases
 * {@code *_notifybench}, topics {@code notifybench.*}, ports 31081-31084, or 8081-8084 plus
 * {@code VERITY_BENCH_PORT_OFFSET}).
 * <ol>
 * <li><b>Fan-out</b>: G directory groups of S members are put into the directory through card-service; N
 * verification records, each verified by one of the groups and all due, are seeded into verification-service's
 * database; verification-service's own expiry pass expires them and publishes N {@code verification.expired}
 * events through its outbox, and notification-service turns each into S inbox notifications. Prints the time from
 * each event's {@code time} (and from its Kafka timestamp) to notification-service's transaction that stored its
 * notifications (the inbox claim's {@code processed_at}, written in that transaction), the total time and the
 * rate.</li>
 * <li><b>Webhooks</b>: a loopback receiver in this JVM, K subscriptions to {@code card.created}, M cards created
 * through card-service; prints deliveries per second and the delay from the event's {@code time} to the receiver.
 * Then again with one subscription's target never answering (the service's request timeout cuts it): the delay of
 * the other subscriptions.</li>
 * </ol>
 */
final class NotificationsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "notifybench";
    private static final int PORT_OFFSET = BenchPorts.offset(23_000);
    private static final String VERIFICATION_DB = "verity_verification_" + INSTANCE;
    private static final String NOTIFICATION_DB = "verity_notification_" + INSTANCE;
    private static final String TOPIC = INSTANCE + ".verity.verifications";
    /** notification-service's inbox name for verification events ({@code NotificationService}'s constant). */
    private static final String VERIFICATIONS_INBOX = "notification-service/verifications";
    private static final UUID COLLECTION = UUID.fromString("00000000-0000-4000-8000-00000000fa01");
    private static final Pattern EVENT_TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private NotificationsBench() {
    }

    /** What the run was asked to do. */
    record Options(int events, int groups, int groupSize, int subscriptions, int cards, int clients,
            boolean fanOut, boolean webhooks, boolean onePort) {
    }

    public static void main(String[] args) throws Exception {
        int events = 10_000;
        int groups = 100;
        int groupSize = 10;
        int subscriptions = 10;
        int cards = 1_000;
        int clients = 4;
        String only = "all";
        boolean onePort = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = positive(args, ++i);
                case "--groups" -> groups = positive(args, ++i);
                case "--group-size" -> groupSize = positive(args, ++i);
                case "--subscriptions" -> subscriptions = Math.max(2, positive(args, ++i));
                case "--cards" -> cards = positive(args, ++i);
                case "--clients" -> clients = positive(args, ++i);
                case "--only" -> only = args[++i];
                case "--one-port" -> onePort = true;
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; notifications takes [--events N] "
                            + "[--groups G] [--group-size S] [--subscriptions K] [--cards M] [--clients C] "
                            + "[--only fanout|webhooks] [--one-port]");
                    System.exit(2);
                }
            }
        }
        if (!List.of("all", "fanout", "webhooks").contains(only)) {
            System.err.println("--only takes fanout or webhooks, not '" + only + "'");
            System.exit(2);
        }
        Options options = new Options(events, groups, groupSize, subscriptions, cards, clients,
                !only.equals("webhooks"), !only.equals("fanout"), onePort);
        LocalStack stack = LocalStack.fromEnvironment();
        List<String> summary = new ArrayList<>();
        long started = System.nanoTime();
        try (VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, INSTANCE, PORT_OFFSET,
                System.out, Duration.ofMinutes(5))) {
            Endpoints endpoints = stack.ensureStarted();
            DevKeys keys = DevKeys.ensure(endpoints.home());
            String admin = keys.mintToken("nb-admin", "Notifications bench admin", "nb-admin@verity.dev",
                    Set.of(DevKeys.ADMIN_GROUP), Duration.ofHours(3));
            String writer = keys.mintToken("nb-writer", "Notifications bench writer", "nb-writer@verity.dev",
                    Set.of(), Duration.ofHours(3));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            if (options.fanOut()) {
                fanOut(options, system, endpoints, http, admin, summary);
            }
            if (options.webhooks()) {
                webhooks(options, system, http, admin, writer, summary);
            }
        }
        System.out.println();
        System.out.printf("=== notifications bench: instance %s, %d cores, whole run %.0f s ===%n", INSTANCE,
                Runtime.getRuntime().availableProcessors(), (System.nanoTime() - started) / 1e9);
        summary.forEach(System.out::println);
    }

    // ---------------------------------------------------------------------------------------------- fan-out

    /** Times of one verification.expired event as it left verification-service. */
    record Published(Instant time, Instant kafkaTimestamp) {
    }

    private static void fanOut(Options o, VeritySystem system, Endpoints endpoints, HttpClient http, String admin,
            List<String> summary) throws Exception {
        System.out.printf("%n[bench] fan-out: %,d groups of %d members into the directory (card-service)%n",
                o.groups(), o.groupSize());
        String directory = system.baseUrl("card-service") + "/directory";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int g = 0; g < o.groups(); g++) {
                for (int m = 0; m < o.groupSize(); m++) {
                    String user = member(g, m);
                    puts.add(pool.submit(() -> put(http, admin, directory + "/users/" + user,
                            Map.of("name", "Bench member " + user, "email", user + "@bench.verity.dev"))));
                }
            }
            for (Future<?> put : puts) {
                put.get();
            }
            puts.clear();
            for (int g = 0; g < o.groups(); g++) {
                List<String> members = new ArrayList<>();
                for (int m = 0; m < o.groupSize(); m++) {
                    members.add(member(g, m));
                }
                String id = group(g);
                puts.add(pool.submit(() -> putGroup(http, admin, directory + "/groups/" + id, Map.of(
                        "name", "Bench group " + id, "description", "notifications bench", "memberIds", members))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow(); // also when a PUT failed: its threads would otherwise keep the JVM alive
        }

        try (Connection notifications = connect(endpoints, NOTIFICATION_DB);
                Connection verifications = connect(endpoints, VERIFICATION_DB)) {
            // the expired events name the group: its members must be known to notification-service first
            long expectedMembers = (long) o.groups() * o.groupSize();
            awaitCount(notifications, "SELECT count(*) FROM directory_group_member m JOIN directory_group g "
                    + "USING (group_id) WHERE g.group_id LIKE 'nb-group-%' AND g.group_id < '" + group(o.groups())
                    + "'", expectedMembers, "group members known to notification-service", Duration.ofMinutes(5));

            ensureTopic(endpoints.kafkaBootstrap());
            reset(verifications);
            try (ExpiredEvents events = new ExpiredEvents(endpoints.kafkaBootstrap())) {
                System.out.printf("[bench] seeding %,d verification records, all due, verifiers %s..%s%n", o.events(),
                        group(0), group(o.groups() - 1));
                seed(verifications, o.events(), o.groups());
                long seeded = System.nanoTime();
                System.out.println("[bench] waiting for verification-service's expiry pass (every 30 s), then the "
                        + "fan-out");
                long deadline = seeded + LIMIT.toNanos();
                long applied = 0;
                long lastProgress = 0;
                while ((events.count() < o.events() || applied < o.events()) && System.nanoTime() < deadline) {
                    TimeUnit.SECONDS.sleep(1); // polling interval of the progress probe, not a synchronisation
                    applied = applied(notifications, events.ids());
                    if (System.nanoTime() - lastProgress > 5e9) {
                        lastProgress = System.nanoTime();
                        System.out.printf("[bench]   %5.0f s: %,d of %,d expired events on Kafka, %,d applied by "
                                + "notification-service%n", (lastProgress - seeded) / 1e9, events.count(), o.events(),
                                applied);
                    }
                }
                Map<String, Published> published = events.snapshot();
                Map<String, Instant> stored = storedAt(notifications, published.keySet());
                long notificationRows = notificationRows(notifications, published.keySet());
                report(o, published, stored, notificationRows, summary);
            }
        }
    }

    private static String member(int group, int member) {
        return String.format("nb-u%03d-%02d", group, member);
    }

    private static String group(int group) {
        return String.format("nb-group-%03d", group);
    }

    private static void report(Options o, Map<String, Published> published, Map<String, Instant> stored,
            long notificationRows, List<String> summary) {
        List<Double> fromTime = new ArrayList<>();
        List<Double> fromKafka = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (Map.Entry<String, Published> event : published.entrySet()) {
            Instant at = stored.get(event.getKey());
            if (at == null) {
                continue;
            }
            fromTime.add(Duration.between(event.getValue().time(), at).toNanos() / 1e6);
            fromKafka.add(Duration.between(event.getValue().kafkaTimestamp(), at).toNanos() / 1e6);
            first = first == null || event.getValue().time().isBefore(first) ? event.getValue().time() : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
        Collections.sort(fromTime);
        Collections.sort(fromKafka);
        summary.add(String.format("fan-out: %,d verification.expired events (of %,d seeded; verifier = a group of %d, "
                + "%d groups)", published.size(), o.events(), o.groupSize(), o.groups()));
        if (fromTime.isEmpty()) {
            summary.add("  no event was applied within " + LIMIT.toMinutes() + " min");
            return;
        }
        double total = Duration.between(first, last).toNanos() / 1e9;
        summary.add(String.format("  %,d applied -> %,d inbox notifications in %.1f s (first event's time to last "
                + "stored): %,.0f notifications/s, %,.0f events/s", fromTime.size(), notificationRows, total,
                notificationRows / total, fromTime.size() / total));
        summary.add("  event time -> inbox rows stored (ms):  " + percentiles(fromTime));
        summary.add("  Kafka publish -> inbox rows stored (ms): " + percentiles(fromKafka));
    }

    /** The expiry pass's input, as {@link ExpiryBench} seeds it: what an earlier run left is removed first. */
    private static void reset(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM verification_history WHERE card_id IN "
                    + "(SELECT card_id FROM verification_record WHERE collection_id = '" + COLLECTION + "')");
            sql.execute("DELETE FROM verification_record WHERE collection_id = '" + COLLECTION + "'");
            sql.execute("INSERT INTO access_collection (id, version, deleted, updated_at) VALUES ('" + COLLECTION
                    + "', 1, false, now()) ON CONFLICT (id) DO NOTHING");
        }
    }

    /** N records verified 31 days ago every 30 days, verifier group i mod G: all due since yesterday. */
    private static void seed(Connection db, int cards, int groups) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("""
                INSERT INTO verification_record (card_id, card_version, card_title, collection_id, verifier_id,
                    interval_days, status, state, last_verified_at, last_verified_by, next_due_at, created_at,
                    updated_at, policy_version, open_flags, card_verifier_id, card_interval_days, expires_at,
                    due_soon_pending)
                SELECT gen_random_uuid(), 1, 'Notifications bench card ' || i, ?, v, 30, 'VERIFIED', 'ACTIVE',
                       now() - interval '31 days', v, now() - interval '1 day' + i * interval '1 microsecond',
                       now() - interval '31 days', now() - interval '31 days', 1, 0, v, 30,
                       now() - interval '1 day' + i * interval '1 microsecond', false
                  FROM generate_series(1, ?) AS i,
                       LATERAL (SELECT 'nb-group-' || lpad(((i - 1) % ?)::text, 3, '0') AS v) verifier""")) {
            sql.setObject(1, COLLECTION);
            sql.setInt(2, cards);
            sql.setInt(3, groups);
            sql.executeUpdate();
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("ANALYZE verification_record");
        }
    }

    private static long applied(Connection db, List<String> ids) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ANY(?)")) {
            sql.setString(1, VERIFICATIONS_INBOX);
            sql.setArray(2, db.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * When notification-service applied each event: the inbox claim's {@code processed_at}, taken from the service's
     * clock in the transaction that inserts the event's notifications (they are visible at its commit, a few ms on).
     */
    private static Map<String, Instant> storedAt(Connection db, Set<String> ids) throws SQLException {
        Map<String, Instant> stored = new ConcurrentHashMap<>();
        try (PreparedStatement sql = db.prepareStatement(
                "SELECT event_id, processed_at FROM processed_event WHERE consumer = ? AND event_id = ANY(?)")) {
            sql.setString(1, VERIFICATIONS_INBOX);
            Array array = db.createArrayOf("varchar", ids.toArray());
            sql.setArray(2, array);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return stored;
    }

    private static long notificationRows(Connection db, Set<String> ids) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement(
                "SELECT count(*) FROM notification WHERE type = 'VERIFICATION_EXPIRED' AND event_id = ANY(?)")) {
            sql.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void ensureTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the verification.expired events arriving on the instance's topic from where it ended before the seed. */
    private static final class ExpiredEvents implements AutoCloseable {
        private final Map<String, Published> events = new ConcurrentHashMap<>();
        private final TopicTail tail;

        ExpiredEvents(String bootstrap) {
            tail = new TopicTail(bootstrap, TOPIC, TopicTail.VERIFICATION_EXPIRED, record -> events.put(
                    TopicTail.header(record, "ce_id"), new Published(
                            OffsetDateTime.parse(TopicTail.header(record, "ce_time")).toInstant(),
                            Instant.ofEpochMilli(record.timestamp()))));
        }

        long count() {
            return events.size();
        }

        List<String> ids() {
            return new ArrayList<>(events.keySet());
        }

        Map<String, Published> snapshot() {
            return Map.copyOf(events);
        }

        @Override
        public void close() throws InterruptedException {
            tail.close();
        }
    }

    // --------------------------------------------------------------------------------------------- webhooks

    private static void webhooks(Options o, VeritySystem system, HttpClient http, String admin, String writer,
            List<String> summary) throws Exception {
        String hooks = system.baseUrl("notification-service") + "/webhooks/subscriptions";
        String cardService = system.baseUrl("card-service");
        try (Receiver receiver = new Receiver(o.onePort() ? 1 : o.subscriptions())) {
            System.out.printf("%n[bench] webhooks: receiver on 127.0.0.1:%s, %d subscriptions to card.created, "
                    + "%,d cards per phase from %d writers%n", o.onePort() ? receiver.port(0) + " (one port for all)"
                    : receiver.port(0) + ".. (a port per subscription)", o.subscriptions(), o.cards(), o.clients());
            for (JsonNode existing : JSON.readTree(send(http, admin, "GET", hooks, null)).path("items")) {
                send(http, admin, "DELETE", hooks + "/" + existing.path("id").asText(), null);
            }
            String collection = SearchLatencyBench.createCollection(http, writer, cardService, "notifications");

            // a short warm-up so the first phase does not pay for the JIT and the connection pools
            phase(o, http, admin, hooks, cardService, writer, collection, receiver, "warm", false,
                    Math.min(50, o.cards()), null);
            Phase healthy = phase(o, http, admin, hooks, cardService, writer, collection, receiver, "all", false,
                    o.cards(), "all answer");
            Phase hanging = phase(o, http, admin, hooks, cardService, writer, collection, receiver, "hang", true,
                    o.cards(), "one target hangs");
            summary.add(String.format("webhooks: %d subscriptions to card.created, %,d cards per phase created by %d "
                    + "writers through card-service; delay = event time -> receiver", o.subscriptions(), o.cards(),
                    o.clients()));
            summary.add(healthy.line());
            summary.add(hanging.line());
            summary.add(String.format("  the hanging target got %d attempts, each left unanswered until the "
                    + "service's request timeout", receiver.hangs.get()));
        }
    }

    /** One phase's figures. */
    record Phase(String name, int subscriptions, long expected, List<Double> delays, double seconds,
            double cardsPerSecond) {
        String line() {
            return String.format("  %-17s %,d of %,d deliveries to %d subscriptions in %.1f s: %,.0f deliveries/s "
                    + "(cards written %.0f/s); delay ms %s", name + ":", delays.size(), expected, subscriptions,
                    seconds, delays.size() / seconds, cardsPerSecond, percentiles(delays));
        }
    }

    private static Phase phase(Options o, HttpClient http, String admin, String hooks, String cardService,
            String writer, String collection, Receiver receiver, String tag, boolean oneHangs, int cards,
            String title) throws Exception {
        List<String> subscriptions = new ArrayList<>();
        int answering = 0;
        for (int i = 0; i < o.subscriptions(); i++) {
            boolean hangs = oneHangs && i == 0;
            answering += hangs ? 0 : 1;
            String url = "http://127.0.0.1:" + receiver.port(o.onePort() ? 0 : i) + (hangs ? "/hang/" : "/ok/")
                    + tag + "-" + i;
            JsonNode created = JSON.readTree(send(http, admin, "POST", hooks, Map.of("url", url,
                    "eventTypes", List.of("dev.verity.card.created"), "description", "notifications bench " + tag + " " + i)));
            subscriptions.add(created.path("subscription").path("id").asText());
        }
        Collector collector = receiver.collect(tag + "-");
        long expected = (long) answering * cards;
        if (title != null) {
            System.out.printf("[bench] phase '%s': %d subscriptions%s, %,d cards%n", title, o.subscriptions(),
                    oneHangs ? " (the first never answers)" : "", cards);
        }
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Writers writers = new Writers(http, writer, cardService, collection, tag, cards, o.clients());
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long lastProgress = System.nanoTime();
        while ((collector.count() < expected || !writers.done()) && !writers.failed()
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of the progress probe, not a synchronisation
            if (title != null && System.nanoTime() - lastProgress > 5e9) {
                lastProgress = System.nanoTime();
                System.out.printf("[bench]   %5.0f s: %,d of %,d cards written, %,d of %,d deliveries received%n",
                        (lastProgress - started) / 1e9, writers.written(), cards, collector.count(), expected);
            }
        }
        double cardSeconds = writers.await();
        for (String id : subscriptions) {
            send(http, admin, "DELETE", hooks + "/" + id, null);
        }
        receiver.stopCollecting();
        List<Double> delays = collector.delays();
        Collections.sort(delays);
        double seconds = Duration.between(startedAt, collector.lastReceived().orElse(Instant.now())).toNanos() / 1e9;
        return new Phase(title == null ? tag : title, answering, expected, delays, seconds, cards / cardSeconds);
    }

    /** C writers creating the cards through card-service in the background. */
    private static final class Writers {
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger written = new AtomicInteger();
        private final ExecutorService pool;
        private final List<Future<?>> running = new ArrayList<>();
        private final long started = System.nanoTime();
        private volatile long finished;
        private final AtomicBoolean failed = new AtomicBoolean();

        Writers(HttpClient http, String token, String cardService, String collection, String tag, int cards,
                int clients) {
            pool = Executors.newFixedThreadPool(clients);
            AtomicInteger left = new AtomicInteger(clients);
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < cards; i = next.getAndIncrement()) {
                            send(http, token, "POST", cardService + "/cards", Map.of("collectionId", collection,
                                    "title", "Webhook bench card " + tag + " " + i + " " + UUID.randomUUID(),
                                    "body", "A card whose creation is delivered to every subscription.",
                                    "tags", List.of("bench")));
                            written.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        if (left.decrementAndGet() == 0) {
                            finished = System.nanoTime();
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
        }

        int written() {
            return written.get();
        }

        boolean done() {
            return pool.isTerminated();
        }

        boolean failed() {
            return failed.get();
        }

        /** Waits for the writers (a failed write ends the bench); returns the seconds they took. */
        double await() throws Exception {
            for (Future<?> writer : running) {
                writer.get();
            }
            return (finished - started) / 1e9;
        }
    }

    /** What one phase received on its answering subscriptions: per (subscription, webhook-id) the first arrival. */
    private static final class Collector {
        private final String prefix;
        private final Map<String, Double> delays = new ConcurrentHashMap<>();
        private final AtomicReference<Instant> last = new AtomicReference<>();

        Collector(String prefix) {
            this.prefix = prefix;
        }

        void accept(String subscription, String webhookId, Instant eventTime, Instant received) {
            if (!subscription.startsWith(prefix)) {
                return;
            }
            delays.putIfAbsent(subscription + " " + webhookId,
                    Duration.between(eventTime, received).toNanos() / 1e6);
            last.accumulateAndGet(received, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }

        long count() {
            return delays.size();
        }

        List<Double> delays() {
            return new ArrayList<>(delays.values());
        }

        Optional<Instant> lastReceived() {
            return Optional.ofNullable(last.get());
        }
    }

    /**
     * The integrations' side: JDK HttpServers on loopback, one port per subscription (each subscription its own
     * target, as distinct integrations are) unless {@code --one-port}. {@code /ok/<subscription>} notes the arrival and
     * answers 204 at once (it checks nothing: the bench measures the sender); {@code /hang/<subscription>} reads the
     * request and never answers until the bench ends, so each attempt lasts the service's request timeout.
     */
    private static final class Receiver implements AutoCloseable {
        private final List<HttpServer> servers = new ArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicReference<Collector> collector = new AtomicReference<>();
        final AtomicInteger hangs = new AtomicInteger();

        Receiver(int ports) throws IOException {
            for (int i = 0; i < ports; i++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
                server.setExecutor(threads);
                server.createContext("/", this::handle);
                server.start();
                servers.add(server);
            }
        }

        int port(int i) {
            return servers.get(i).getAddress().getPort();
        }

        Collector collect(String prefix) {
            Collector fresh = new Collector(prefix);
            collector.set(fresh);
            return fresh;
        }

        void stopCollecting() {
            collector.set(null);
        }

        private void handle(HttpExchange exchange) {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Instant received = Instant.now();
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/hang/")) {
                    hangs.incrementAndGet();
                    release.await(LIMIT.toMinutes(), TimeUnit.MINUTES); // the hang itself: lasts until the bench ends
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                Matcher time = EVENT_TIME.matcher(new String(body, StandardCharsets.UTF_8));
                Collector current = collector.get();
                if (current != null && time.find() && path.startsWith("/ok/")) {
                    current.accept(path.substring(4), exchange.getRequestHeaders().getFirst("webhook-id"),
                            OffsetDateTime.parse(time.group(1)).toInstant(), received);
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException e) {
                // the sender gave up on a hanging attempt: nothing to answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            release.countDown();
            servers.forEach(server -> server.stop(0));
            threads.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * A group as an earlier run left it is not put again: card-service's {@code PUT /directory/groups/{id}} of an
     * existing group sometimes answers 500 (a Hibernate NullPointerException in {@code Directory.putGroup}'s locking
     * read, reported); such a 500 is retried once, and said.
     */
    private static String putGroup(HttpClient http, String token, String url, Map<String, Object> group)
            throws Exception {
        HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() == 200) {
            Set<String> held = new java.util.TreeSet<>();
            JSON.readTree(existing.body()).path("memberIds").forEach(m -> held.add(m.asText()));
            @SuppressWarnings("unchecked")
            List<String> wanted = (List<String>) group.get("memberIds");
            if (held.equals(new java.util.TreeSet<>(wanted))) {
                return existing.body();
            }
        }
        try {
            return put(http, token, url, group);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains(" answered 500")) {
                throw e;
            }
            System.out.println("[bench] " + url + " answered 500 (card-service bug, see bench/README.md); once more");
            return put(http, token, url, group);
        }
    }

    /** A PUT (returns the answer's body, so a pool can take it as a Callable that throws). */
    private static String put(HttpClient http, String token, String url, Object body) throws Exception {
        return send(http, token, "PUT", url, body);
    }

    /** One request; anything but a 2xx ends the bench with the answer. */
    private static String send(HttpClient http, String token, String method, String url, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static Connection connect(Endpoints endpoints, String database) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(database), endpoints.pgUser(), endpoints.pgPassword());
    }

    private static void awaitCount(Connection db, String query, long expected, String what, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
                rows.next();
                count = rows.getLong(1);
            }
            if (count >= expected) {
                System.out.printf("[bench] %,d %s%n", count, what);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling interval of the probe, not a synchronisation
        }
        throw new IllegalStateException("only " + count + " of " + expected + " " + what + " after " + limit);
    }

    private static String percentiles(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format("p50 %.0f   p95 %.0f   p99 %.0f   max %.0f", SearchLatencyBench.pct(sorted, 50),
                SearchLatencyBench.pct(sorted, 95), SearchLatencyBench.pct(sorted, 99),
                sorted.get(sorted.size() - 1));
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
