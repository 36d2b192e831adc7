package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ./verity bench faults}: the fault suite. Starts an isolated system (instance "faults": ports 37581-4, own
 * databases, topics and search alias, all wiped first), keeps writing cards through card-service's REST API the whole
 * time ({@link CardWriters}), and injects one fault after another: Elasticsearch frozen, the Kafka broker killed,
 * each service killed, PostgreSQL killed. After each it waits until every consumer holds what card-service had
 * committed when the fault ended ({@link Consistency}), and prints per fault the writes, lost, duplicated and stale
 * counts and the time to converge. Exits 1 when any count is not 0 (a correctness failure); times are only printed.
 */
final class FaultBench {

    static final String INSTANCE = "faults";
    /** Added to each service's default port: 37581-37584 (31081-4, the first choice, is taken by other runs). */
    private static final int PORT_OFFSET = BenchPorts.offset(29_500);
    static final String VERIFIER = "vera-faults";
    /** Four JVMs starting at once on a small, busy machine can need minutes. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack;
    private final VeritySystem system;
    private final Settings settings;
    private final CardWriters writers;
    private final Consistency consistency;
    private final List<Row> rows = new ArrayList<>();
    /** Problems already counted in an earlier row: a card lost once is counted once, not again after every fault. */
    private final Set<String> reported = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();

    private FaultBench(LocalStack stack, VeritySystem system, Settings settings, CardWriters writers,
            Consistency consistency) {
        this.stack = stack;
        this.system = system;
        this.settings = settings;
        this.writers = writers;
        this.consistency = consistency;
    }

    /** What can be tuned with {@code -Dfaults.<name>=<value>} (given to the benchmark or to the JVM). */
    record Settings(Duration esOutage, Duration kafkaDown, Duration postgresDown, Duration quiet,
            Duration convergeTimeout, int clients, double rate, Set<String> only) {

        static Settings fromProperties() {
            String only = System.getProperty("faults.only", "").trim();
            return new Settings(duration("faults.es-outage", "PT2M"), duration("faults.kafka-down", "PT15S"),
                    duration("faults.postgres-down", "PT5S"), duration("faults.quiet", "PT20S"),
                    duration("faults.converge-timeout", "PT10M"), Integer.parseInt(System.getProperty("faults.clients", "4")),
                    Double.parseDouble(System.getProperty("faults.rate", "4")),
                    only.isEmpty() ? Set.of() : Set.of(only.split("\\s*,\\s*")));
        }

        private static Duration duration(String name, String fallback) {
            String value = System.getProperty(name, fallback);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT2M, not '" + value + "'");
            }
        }

        boolean wants(String fault) {
            return only.isEmpty() || only.contains(fault);
        }
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                System.setProperty(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                System.err.println("unknown option '" + arg + "'; faults takes -Dfaults.es-outage=PT2M, "
                        + "-Dfaults.kafka-down=PT15S, -Dfaults.postgres-down=PT5S, -Dfaults.quiet=PT20S, "
                        + "-Dfaults.converge-timeout=PT10M, -Dfaults.clients=4, -Dfaults.rate=4 (writes/s), "
                        + "-Dfaults.only=elasticsearch,kafka,card-service,verification-service,search-service,"
                        + "notification-service,postgres");
                System.exit(2);
            }
        }
        Settings settings;
        try {
            settings = Settings.fromProperties();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = LocalStack.fromEnvironment();
        Endpoints endpoints = stack.ensureStarted();
        Consistency consistency = new Consistency(endpoints, INSTANCE, VERIFIER);
        consistency.wipe();
        int exit;
        try (VeritySystem system = startSystem(stack)) {
            DevKeys keys = DevKeys.ensure(stack.config().home());
            // an admin: only an ADMIN may delete a card, and only an ADMIN may put a user into the directory
            String token = keys.mintToken("faults-writer", "Fault Writer", "faults-writer@example.com",
                    Set.of(DevKeys.ADMIN_GROUP), Duration.ofHours(6));
            CardWriters writers = new CardWriters(system.baseUrl("card-service"), token, settings.clients(),
                    settings.rate());
            FaultBench bench = new FaultBench(stack, system, settings, writers, consistency);
            exit = bench.run();
        }
        System.exit(exit);
    }

    /**
     * On a loaded machine a service can fail its start (e.g. its connection pool times out while Flyway waits): that
     * is no fault under test, so the start is tried again, up to three times.
     */
    private static VeritySystem startSystem(LocalStack stack) {
        for (int attempt = 1; ; attempt++) {
            try {
                return VeritySystem.start(VeritySystem.projectRoot(), stack, INSTANCE, PORT_OFFSET, System.out,
                        READY_TIMEOUT);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.printf("[faults] the system did not start (%s); starting it again%n",
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** Starts a killed service again; a start that fails on its own (a busy machine) is tried again, up to 3 times. */
    private Duration restart(String service) {
        for (int attempt = 1; ; attempt++) {
            try {
                return system.restart(service, READY_TIMEOUT);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.printf("[faults] %s did not start again (%s); trying once more%n", service,
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private int run() throws Exception {
        writers.setUp(VERIFIER);
        System.out.printf("%n[faults] %d clients writing %.1f cards/s in all (create, edit, archive, delete); "
                + "quiet %s between faults, convergence timeout %s%n", settings.clients(), settings.rate(),
                human(settings.quiet()), human(settings.convergeTimeout()));
        writers.start();
        try {
            measure("none (steady writes)", () -> { });
            if (settings.wants("elasticsearch")) {
                measure("elasticsearch frozen (SIGSTOP)", () -> {
                    stack.signal("elasticsearch", "STOP");
                    try {
                        Thread.sleep(settings.esOutage().toMillis());
                    } finally {
                        stack.signal("elasticsearch", "CONT");
                    }
                });
            }
            if (settings.wants("kafka")) {
                measure("kafka broker killed (SIGKILL)", () -> {
                    stack.signal("kafka", "KILL");
                    Thread.sleep(settings.kafkaDown().toMillis());
                    stack.ensureStarted();
                });
            }
            for (VeritySystem.Service service : VeritySystem.SERVICES) {
                if (settings.wants(service.name())) {
                    measure(service.name() + " killed (SIGKILL)", () -> {
                        ServiceProcess process = system.process(service.name());
                        process.kill();
                        System.out.printf("[faults] %s (pid %d) killed; starting it again%n", service.name(),
                                process.pid());
                        Duration ready = restart(service.name());
                        System.out.printf("[faults] %s ready again after %s%n", service.name(), human(ready));
                    });
                }
            }
            if (settings.wants("postgres")) {
                measure("postgresql killed (SIGKILL)", () -> {
                    stack.signal("postgres", "KILL");
                    Thread.sleep(settings.postgresDown().toMillis());
                    stack.ensureStarted();
                });
            }
        } finally {
            writers.stop();
        }
        measureQuiescent();
        return report();
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    private record Row(String fault, Duration outage, long ok, long failed, Consistency.Counts counts, Duration converged,
            boolean timedOut) {
    }

    /**
     * A quiet period of steady writes, the fault, then polling until every consumer reflects what card-service had
     * committed when the fault was over (writes go on meanwhile: a consumer may be ahead, never behind).
     */
    private void measure(String fault, Fault inject) throws Exception {
        System.out.printf("%n[faults] %s: quiet for %s first%n", fault, human(settings.quiet()));
        Thread.sleep(settings.quiet().toMillis());
        long ok0 = writers.ok();
        long failed0 = writers.failed();
        System.out.printf("[faults] %s: injecting%n", fault);
        long injected = System.nanoTime();
        inject.inject();
        converge(fault, Duration.ofNanos(System.nanoTime() - injected), ok0, failed0, consistency.snapshot());
    }

    /** The last check: writes stopped, so every consumer must hold every card's final version. */
    private void measureQuiescent() throws Exception {
        System.out.printf("%n[faults] writers stopped; checking every card's final version%n");
        converge("none (writes stopped, final state)", Duration.ZERO, writers.ok(), writers.failed(),
                consistency.snapshot());
    }

    private void converge(String fault, Duration outage, long ok0, long failed0, Consistency.Snapshot snapshot)
            throws Exception {
        long healed = System.nanoTime();
        System.out.printf("[faults] %s: over; waiting until the consumers hold card-service's %d cards as of now%n",
                fault, snapshot.cards().size());
        Consistency.Counts counts;
        boolean timedOut = false;
        while (true) {
            try {
                counts = consistency.check(snapshot, writers.acknowledged());
            } catch (Exception e) {
                // a server still waking up (Elasticsearch after a freeze, PostgreSQL after recovery): look again
                System.out.printf("[faults] check failed (%s); retrying%n", e.getMessage());
                counts = null;
            }
            if (counts != null && counts.converged()) {
                break;
            }
            if (System.nanoTime() - healed > settings.convergeTimeout().toNanos()) {
                timedOut = true;
                break;
            }
            Thread.sleep(2_000); // polling interval: each check reads three databases and the index
        }
        Duration took = Duration.ofNanos(System.nanoTime() - healed);
        if (counts == null) {
            counts = consistency.check(snapshot, writers.acknowledged());
        }
        Consistency.Counts fresh = counts.onlyNew(reported);
        problems.addAll(fresh.examples().stream().map(e -> fault + ": " + e).toList());
        rows.add(new Row(fault, outage, writers.ok() - ok0, writers.failed() - failed0, fresh, took, timedOut));
        System.out.printf("[faults] %s: %s in %s; lost %d, duplicated %d, stale %d; writes so far %d ok, %d failed%n",
                fault, timedOut ? "NOT converged" : "converged", human(took), fresh.lost(), fresh.duplicated(),
                fresh.stale(), writers.ok(), writers.failed());
    }

    private int report() throws Exception {
        Consistency.Totals totals = consistency.totals();
        System.out.println();
        System.out.printf("=== fault suite: %d clients, %.1f writes/s, %s; %d cards written (%d live, %d deleted), "
                + "%d verification-assigned notifications ===%n", settings.clients(), settings.rate(),
                "instance " + INSTANCE, totals.cards(), totals.live(), totals.deleted(), totals.notifications());
        String format = "%-38s %8s %16s %6s %11s %6s %18s%n";
        System.out.printf(format, "fault", "outage", "writes ok/failed", "lost", "duplicated", "stale",
                "time to converge");
        long lost = 0;
        long duplicated = 0;
        long stale = 0;
        for (Row row : rows) {
            System.out.printf(format, row.fault(), row.outage().toMillis() == 0 ? "-" : human(row.outage()),
                    row.ok() + "/" + row.failed(), row.counts().lost(),
                    row.counts().duplicated(), row.counts().stale(),
                    row.timedOut() ? "> " + human(settings.convergeTimeout()) : human(row.converged()));
            lost += row.counts().lost();
            duplicated += row.counts().duplicated();
            stale += row.counts().stale();
        }
        System.out.println();
        System.out.println("outage: from injecting the fault until the server was thawed or answered again");
        System.out.println("writes ok/failed: operations acknowledged / attempts that failed and were retried, from the"
                + " fault's start until convergence");
        System.out.println("lost: a write card-service acknowledged but does not hold, or a committed card state no "
                + "consumer copy (search document, verification record, notifier's card) ever reflected, or a "
                + "verification-assigned notification never sent");
        System.out.println("duplicated: a verification-assigned notification sent more than once for one card");
        System.out.println("stale: a consumer still holding an older version (or status) than card-service after the "
                + "convergence timeout");
        System.out.println("time to converge: from the end of the fault (server thawed or started again) until every"
                + " consumer held what card-service had committed at that moment");
        if (lost + duplicated + stale == 0) {
            System.out.println("\n[faults] no write lost, duplicated or left stale");
            return 0;
        }
        System.out.printf("%n[faults] CORRECTNESS FAILURE: %d lost, %d duplicated, %d stale; first examples:%n", lost,
                duplicated, stale);
        problems.stream().limit(40).forEach(p -> System.out.println("  " + p));
        return 1;
    }

    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // --- reading JSON and rows, shared by the writers and the checks -------------------------------------------------

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    static String write(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    static Connection connect(Endpoints endpoints, String database) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(database), endpoints.pgUser(),
                endpoints.pgPassword().isEmpty() ? null : endpoints.pgPassword());
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    static Map<UUID, Long> longs(Connection c, String sql) throws SQLException {
        Map<UUID, Long> result = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getObject(1, UUID.class), rs.getLong(2));
            }
        }
        return result;
    }
}
