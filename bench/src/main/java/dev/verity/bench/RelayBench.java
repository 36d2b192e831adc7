package dev.verity.bench;

import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The outbox relay against the physical floor. Seeds N pending outbox rows (one {@code INSERT ... SELECT
 * generate_series}: payloads of R bytes, keys spread over 10,000 cards) into the database of a verification-service
 * running alone (instance "relay", port 8182 + {@code VERITY_BENCH_PORT_OFFSET}), and times its relay until every
 * row is stamped and on Kafka. Then Kafka's own producer benchmark ({@code ProducerPerformance}, what
 * {@code kafka-producer-perf-test.sh} runs) sends N records of R bytes to a topic of the same broker with the
 * relay's producer settings: {@code acks=all}, idempotence, {@code linger.ms=2}. Prints both rates and their ratio.
 * The perf test sends no headers; the relay sends five CloudEvents headers a record, so it moves slightly more bytes.
 */
final class RelayBench {

    private static final String INSTANCE = "relay";
    private static final String DATABASE = "verity_verification_" + INSTANCE;
    private static final String TOPIC = INSTANCE + ".verity.verifications";
    private static final String PERF_TOPIC = INSTANCE + ".perf-test";
    private static final int PARTITIONS = 3;
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = 200_000;
        int bytes = 600; // about a verification.expired event
        boolean jfr = false;
        Map<String, String> relaySettings = new java.util.TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--record-size" -> bytes = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = true;
                case "--relay" -> { // e.g. --relay max-in-flight-batches=1, --relay producer.\"linger.ms\"=5
                    String[] setting = args[++i].split("=", 2);
                    relaySettings.put("verity.outbox." + setting[0], setting[1]);
                }
                default -> {
                    System.err.println("unknown option '" + args[i]
                            + "'; relay takes [--events N] [--record-size R] [--relay name=value]... [--jfr]");
                    System.exit(2);
                }
            }
        }
        int port = BenchPorts.offset(23_000) + 8182;
        LocalStack stack = LocalStack.fromEnvironment();
        Endpoints endpoints = stack.ensureStarted();
        stack.ensureDatabase(DATABASE);
        DevKeys keys = DevKeys.ensure(endpoints.home());
        ensureTopic(endpoints.kafkaBootstrap(), TOPIC);
        ensureTopic(endpoints.kafkaBootstrap(), PERF_TOPIC);
        Path jar = VeritySystem.projectRoot().resolve("verification-service/target/quarkus-app/quarkus-run.jar");
        Path log = endpoints.home().resolve("logs/verification-service-" + INSTANCE + ".log");
        Map<String, String> props = ExpiryBench.properties(endpoints, keys, INSTANCE, port);
        props.put("verity.outbox.idle-poll-interval", "500ms"); // the seed is written behind the relay's back
        props.putAll(relaySettings);
        List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (jfr) {
            Path recording = endpoints.home().resolve("logs/verification-service-" + INSTANCE + ".jfr");
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
            System.out.printf("[bench] JFR recording to %s (written when the service stops)%n", recording);
        }
        System.out.printf("[bench] relay: %,d events of %d bytes; verification-service on port %d (log %s), %d cores;"
                + " relay settings %s%n", events, bytes, port, log, Runtime.getRuntime().availableProcessors(),
                relaySettings.isEmpty() ? "(defaults)" : relaySettings);
        double relayRate;
        try (ServiceProcess service = ServiceProcess.start("verification-service", jar, port, props,
                ExpiryBench.password(endpoints), log, jvm);
                Connection db = DriverManager.getConnection(endpoints.jdbcUrl(DATABASE), endpoints.pgUser(),
                        endpoints.pgPassword())) {
            service.awaitReady(Duration.ofSeconds(180));
            try (Statement sql = db.createStatement()) {
                sql.execute("TRUNCATE outbox_event");
            }
            long before = endOffsets(endpoints.kafkaBootstrap(), TOPIC);
            long seedStart = System.nanoTime();
            seed(db, events, bytes);
            long seeded = System.nanoTime();
            System.out.printf("[bench] seeded %,d outbox rows in %.1f s%n", events, (seeded - seedStart) / 1e9);
            long done = 0;
            long deadline = seeded + LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(250); // a progress poll, not a wait for a condition a test asserts
                if (pending(db) == 0 && endOffsets(endpoints.kafkaBootstrap(), TOPIC) - before >= events) {
                    done = System.nanoTime();
                    break;
                }
            }
            if (done == 0) {
                System.out.printf("[bench] the relay did not publish %,d events within %d min%n", events,
                        LIMIT.toMinutes());
                return;
            }
            double[] stamped = stampedSpan(db);
            double wall = (done - seeded) / 1e9;
            relayRate = events / stamped[0];
            System.out.printf("%n[bench] outbox relay: %,d events stamped and on Kafka %.1f s after the seed;"
                    + " first to last stamp %.1f s → %,.0f events/s (%,.0f events/s from the seed)%n",
                    events, wall, stamped[0], relayRate, events / wall);
        }

        System.out.printf("%n[bench] Kafka's ProducerPerformance: %,d records of %d bytes, acks=all, idempotence%n",
                events, bytes);
        double perfRate = producerPerformance(endpoints.kafkaBootstrap(), events, bytes);
        System.out.printf("%n[bench] relay %,.0f events/s vs kafka-producer-perf-test %,.0f records/s: %.2fx%n",
                relayRate, perfRate, relayRate / perfRate);
    }

    /** N pending rows, keys over 10,000 cards, each payload a JSON object of {@code bytes} bytes. */
    private static void seed(Connection db, int events, int bytes) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("""
                INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload)
                SELECT gen_random_uuid(), 'verity.verifications', k, 'dev.verity.verification.expired',
                       '/verification-service', k, now(),
                       '{"cardId":"' || k || '","n":' || lpad(i::text, 9, '0') || ',"pad":"'
                           || repeat('x', greatest(?, 90) - 90) || '"}'
                  FROM generate_series(1, ?) AS i,
                       LATERAL (SELECT '00000000-0000-4000-8000-' || lpad((i % 10000)::text, 12, '0') AS k) AS key""")) {
            sql.setInt(1, bytes);
            sql.setInt(2, events);
            sql.executeUpdate();
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("ANALYZE outbox_event");
        }
    }

    private static long pending(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Seconds from the first stamp to the last (the relay's own time, free of the bench's polling). */
    private static double[] stampedSpan(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT extract(epoch FROM max(published_at) - min(published_at)) FROM outbox_event")) {
            rows.next();
            return new double[] {rows.getDouble(1)};
        }
    }

    private static void ensureTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
        }
    }

    /** Runs ProducerPerformance in a JVM of its own (as the script does) and returns its records/s. */
    private static double producerPerformance(String bootstrap, int records, int bytes) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", PERF_TOPIC, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(bytes), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "linger.ms=2"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Pattern summary = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec");
        double rate = Double.NaN;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  " + line);
                Matcher m = summary.matcher(line.trim());
                if (m.find() && Long.parseLong(m.group(1)) == records) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
        }
        if (process.waitFor() != 0 || Double.isNaN(rate)) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
        }
        return rate;
    }
}
