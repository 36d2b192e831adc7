package dev.verity.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs against the real servers. Deliberately does not stop them: the modules built after this
 * one reuse the running stack, and a script stops it at the end of the build.
 */
class LocalStackTest {

    private final LocalStack stack = LocalStack.fromEnvironment();

    @Test
    @Timeout(420)
    void startsOrReusesAllServersAndTheyWork() throws Exception {
        long t0 = System.nanoTime();
        Endpoints first = stack.ensureStarted();
        System.out.printf("[test] first ensureStarted took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        StackStatus afterFirst = stack.status();
        assertTrue(afterFirst.allRunning(), () -> "not everything runs:\n" + afterFirst);

        long t1 = System.nanoTime();
        Endpoints second = stack.ensureStarted();
        System.out.printf("[test] second ensureStarted took %.1f s%n", (System.nanoTime() - t1) / 1e9);
        StackStatus afterSecond = stack.status();
        assertEquals(first, second);
        for (int i = 0; i < 3; i++) {
            ServerStatus a = afterFirst.all().get(i);
            ServerStatus b = afterSecond.all().get(i);
            assertEquals(a.pid(), b.pid(), () -> "second call must reuse " + a.name());
            assertEquals(a.startedByUs(), b.startedByUs());
            assertTrue(b.running(), () -> b.name() + " stopped answering");
        }
        System.out.print(afterSecond);

        checkPostgres(first);
        checkKafka(first);
        checkElasticsearch(first);
    }

    private void checkPostgres(Endpoints e) throws Exception {
        stack.ensureDatabase("verity_stack_test");
        stack.ensureDatabase("verity_stack_test"); // idempotent
        try (Connection c = DriverManager.getConnection(e.jdbcUrl("verity_stack_test"), e.pgUser(), e.pgPassword());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS probe (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
            st.execute("INSERT INTO probe DEFAULT VALUES");
            try (ResultSet rs = st.executeQuery("SELECT count(*), current_database() FROM probe")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) >= 1);
                assertEquals("verity_stack_test", rs.getString(2));
            }
        }

        // Several JVMs' test setups may create the same database at once; none may fail.
        try (Connection c = DriverManager.getConnection(e.jdbcUrl("postgres"), e.pgUser(), e.pgPassword());
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS verity_stack_race");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> stack.ensureDatabase("verity_stack_race")));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = DriverManager.getConnection(e.jdbcUrl("verity_stack_race"), e.pgUser(), e.pgPassword())) {
            assertTrue(c.isValid(2));
        }

        assertThrows(IllegalArgumentException.class, () -> stack.ensureDatabase("Robert'); DROP TABLE students;--"));
    }

    private static void checkKafka(Endpoints e) throws Exception {
        String[] hostPort = e.kafkaBootstrap().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2_000);
            assertTrue(socket.isConnected());
        }
    }

    private static void checkElasticsearch(Endpoints e) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(e.elasticsearchUrl() + "/_cluster/health"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.body().matches("(?s)\\{.*\"status\"\\s*:\\s*\"(green|yellow)\".*}"), response::body);
    }
}
