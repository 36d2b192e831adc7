package dev.verity.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Starts, reuses and stops the infrastructure shared by the run command and every test JVM.
 *
 * <p>Servers are started detached so they outlive the JVM that started them: a full build runs
 * one test JVM per module and only the first should pay for a cold start. Nothing here registers
 * shutdown hooks for the servers; {@link #stop()} (from a script) ends them.
 */
public final class LocalStack {

    private static final int LOG_LINES = 30;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    /** Arbitrary constant shared by every JVM so CREATE DATABASE races are serialised inside PostgreSQL. */
    private static final long CREATE_DATABASE_LOCK = 0x7665726974794442L;

    private final StackConfig config;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final ElasticsearchServer elasticsearch;
    /** Launch order: slowest first, so its boot overlaps the others' setup. */
    private final List<ManagedServer> launchOrder;

    public LocalStack(StackConfig config) {
        this.config = config;
        ServiceUser user = ServiceUser.forCurrentProcess();
        this.postgres = new PostgresServer(config, user);
        this.kafka = new KafkaServer(config);
        this.elasticsearch = new ElasticsearchServer(config, user);
        this.launchOrder = List.of(elasticsearch, kafka, postgres);
    }

    public static LocalStack fromEnvironment() {
        return new LocalStack(StackConfig.fromEnvironment());
    }

    public StackConfig config() {
        return config;
    }

    /** Idempotent: reuses whatever answers, starts the rest, returns once all three are ready. */
    public Endpoints ensureStarted() {
        try (StackLock ignored = StackLock.acquire(config.home())) {
            createLayout();
            // Probe everything and check every port before launching anything, so a conflict fails
            // fast and leaves nothing half-started behind.
            Map<ManagedServer, ManagedServer.Probe> probes = new LinkedHashMap<>();
            Map<ManagedServer, Optional<ProcessHandle>> ours = new HashMap<>();
            List<String> conflicts = new ArrayList<>();
            for (ManagedServer server : launchOrder) {
                ManagedServer.Probe probe = server.probe();
                Optional<ProcessHandle> process = ProcessSupport.readPidFile(pidFile(server));
                probes.put(server, probe);
                ours.put(server, process);
                if (process.isPresent()) {
                    continue; // ours, possibly mid-start: a not-yet-sane answer is no conflict
                }
                if (probe.state() == ManagedServer.Probe.State.FOREIGN) {
                    conflicts.add(server.name() + ": " + probe.detail());
                } else if (probe.state() == ManagedServer.Probe.State.ABSENT) {
                    for (int port : server.auxiliaryPorts()) {
                        if (ProcessSupport.portAcceptsConnections("127.0.0.1", port)) {
                            conflicts.add(server.name() + ": port " + port + " (used next to " + server.endpoint()
                                    + ") is already in use; stop that process or set " + server.portSetting());
                        }
                    }
                }
            }
            if (!conflicts.isEmpty()) {
                throw new IllegalStateException("local stack cannot start:\n  " + String.join("\n  ", conflicts));
            }

            List<Startup> pending = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (ManagedServer server : launchOrder) {
                ManagedServer.Probe probe = probes.get(server);
                Optional<ProcessHandle> process = ours.get(server);
                if (probe.state() == ManagedServer.Probe.State.READY) {
                    say(server, "reusing server at " + server.endpoint()
                            + process.map(h -> " (pid " + h.pid() + ", started by this stack)").orElse(""));
                } else if (process.isPresent()) {
                    // Started by a JVM that died before it was ready; give it the rest of its chance.
                    say(server, "waiting for pid " + process.get().pid() + " started earlier by this stack");
                    pending.add(new Startup(server, null, process.get(), System.nanoTime()));
                } else if (probe.state() == ManagedServer.Probe.State.STARTING) {
                    say(server, "answers at " + server.endpoint() + " but is not ready yet (" + probe.detail() + "); waiting");
                    pending.add(new Startup(server, null, null, System.nanoTime()));
                } else {
                    launch(server, pending, failures);
                }
            }
            failures.addAll(await(pending));
            if (!failures.isEmpty()) {
                throw new IllegalStateException("local stack failed to start:\n" + String.join("\n\n", failures));
            }
        }
        return endpoints();
    }

    private void launch(ManagedServer server, List<Startup> pending, List<String> failures) {
        ProcessSupport.deleteQuietly(pidFile(server)); // stale: its process is gone
        long started = System.nanoTime();
        Process process;
        try {
            process = server.launch();
        } catch (IOException | RuntimeException e) {
            failures.add(server.name() + ": could not start: " + e.getMessage());
            return;
        }
        try {
            ProcessSupport.writePidFile(pidFile(server), process.toHandle());
        } catch (IOException e) {
            ProcessSupport.killTree(process.toHandle());
            failures.add(server.name() + ": could not write " + pidFile(server) + ": " + e.getMessage());
            return;
        }
        pending.add(new Startup(server, process, process.toHandle(), started));
    }

    /** Polls all pending servers together so each reported start time is its own. */
    private List<String> await(List<Startup> pending) {
        List<String> failures = new ArrayList<>();
        while (!pending.isEmpty()) {
            for (Iterator<Startup> it = pending.iterator(); it.hasNext(); ) {
                Startup s = it.next();
                ManagedServer server = s.server();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - s.startedNanos());
                if (isReady(server)) {
                    say(server, (s.launched() != null ? "started" : "ready") + " in " + seconds(elapsed)
                            + (s.handle() != null ? " (pid " + s.handle().pid() + ")" : ""));
                    it.remove();
                } else if (s.handle() != null && !ProcessSupport.isRunning(s.handle())) {
                    String exit = s.launched() != null ? exitCode(s.launched()) : "";
                    ProcessSupport.deleteQuietly(pidFile(server));
                    failures.add(ProcessSupport.failureWithLog(server.name() + " exited" + exit + " before it was ready",
                            server.logFile(), LOG_LINES));
                    it.remove();
                } else if (elapsed.compareTo(server.readyTimeout()) > 0) {
                    String what = server.name() + " was not ready at " + server.endpoint() + " within "
                            + server.readyTimeout().toSeconds() + " s";
                    if (s.handle() != null) {
                        // Never leave a half-started server behind for the next run to trip over.
                        ProcessSupport.killTree(s.handle());
                        ProcessSupport.deleteQuietly(pidFile(server));
                        what += "; killed pid " + s.handle().pid();
                    }
                    failures.add(ProcessSupport.failureWithLog(what, server.logFile(), LOG_LINES));
                    it.remove();
                }
            }
            if (!pending.isEmpty()) {
                ProcessSupport.sleep(250);
            }
        }
        return failures;
    }

    /** Our own child may be seen dead (a zombie) a moment before the JVM has reaped it. */
    private static String exitCode(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean isReady(ManagedServer server) {
        try {
            return server.probe().state() == ManagedServer.Probe.State.READY;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates the database if it doesn't exist. Requires PostgreSQL to be up (see {@link #ensureStarted()}). */
    public void ensureDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match [a-z0-9_]+ (max 63 chars): " + name);
        }
        try (Connection c = postgres.connect("postgres"); Statement st = c.createStatement()) {
            // Without the lock two JVMs can both see "missing" and one CREATE fails on pg_database's unique index.
            st.execute("SELECT pg_advisory_lock(" + CREATE_DATABASE_LOCK + ")");
            try {
                boolean exists;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (!exists) {
                    st.execute("CREATE DATABASE \"" + name + "\"");
                    say(postgres, "created database " + name);
                }
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: someone outside our lock won
                    throw e;
                }
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + CREATE_DATABASE_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ensure database '" + name + "' on PostgreSQL at "
                    + postgres.endpoint() + " (is the stack started? call ensureStarted() first): " + e.getMessage(), e);
        }
    }

    /**
     * Stops only the servers whose pid files this stack home holds; servers we merely reused are left alone. Side
     * stacks under {@code side/} (a module's outage tests run on one of their own, see the parent pom) are stopped
     * too: a test run that died early may have left one behind.
     */
    public void stop() {
        stopSideStacks();
        try (StackLock ignored = StackLock.acquire(config.home())) {
            List<ProcessSupport.StopTarget> targets = new ArrayList<>();
            for (ManagedServer server : launchOrder) {
                Path pidFile = pidFile(server);
                Optional<ProcessHandle> process = ProcessSupport.readPidFile(pidFile);
                if (process.isPresent()) {
                    say(server, "stopping pid " + process.get().pid());
                    targets.add(new ProcessSupport.StopTarget(server.name(), process.get(), server.stopSignal()));
                } else if (Files.exists(pidFile)) {
                    say(server, "removing stale " + pidFile);
                    ProcessSupport.deleteQuietly(pidFile);
                }
            }
            if (targets.isEmpty()) {
                System.out.println("[stack] nothing to stop: no running server was started from " + config.home());
                return;
            }
            Map<String, Duration> took = ProcessSupport.stopAll(targets, STOP_GRACE);
            for (ManagedServer server : launchOrder) {
                Duration d = took.get(server.name());
                if (d != null) {
                    say(server, "stopped in " + seconds(d));
                    ProcessSupport.deleteQuietly(pidFile(server));
                }
            }
        }
    }

    private void stopSideStacks() {
        Path sides = config.home().resolve("side");
        if (!Files.isDirectory(sides)) {
            return;
        }
        try (var homes = Files.list(sides)) {
            for (Path home : homes.filter(Files::isDirectory).sorted().toList()) {
                System.out.println("[stack] side stack " + home.getFileName() + ":");
                new LocalStack(config.withHome(home)).stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the side stacks under " + sides, e);
        }
    }

    /**
     * Sends a signal to a server this stack home started and its child processes: {@code STOP}/{@code CONT} freeze
     * and thaw it, {@code KILL} crashes it (then {@link #ensureStarted()} starts it again on the same data), for
     * fault tests and the fault benchmark.
     *
     * @param server {@code postgres}, {@code kafka} or {@code elasticsearch}
     * @throws IllegalStateException when that server runs but was not started from this stack home (a reused
     *                               server is somebody else's to disturb)
     */
    public void signal(String server, String signal) {
        ManagedServer target = launchOrder.stream().filter(s -> s.name().equals(server)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server '" + server + "'; servers: "
                        + launchOrder.stream().map(ManagedServer::name).toList()));
        ProcessHandle process = ProcessSupport.readPidFile(pidFile(target)).orElseThrow(() -> new IllegalStateException(
                server + " was not started from " + config.home() + " (no live pid file), so it is not ours to signal"));
        ProcessSupport.signalTree(process, signal);
        if ("KILL".equals(signal)) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (ProcessSupport.isRunning(process) && System.nanoTime() < deadline) {
                ProcessSupport.sleep(50);
            }
            ProcessSupport.deleteQuietly(pidFile(target));
        }
    }

    public StackStatus status() {
        return new StackStatus(statusOf(postgres), statusOf(kafka), statusOf(elasticsearch));
    }

    private ServerStatus statusOf(ManagedServer server) {
        boolean running = isReady(server);
        Optional<ProcessHandle> ours = ProcessSupport.readPidFile(pidFile(server));
        return new ServerStatus(server.name(), running, ours.isPresent(), ours.map(ProcessHandle::pid).orElse(-1L),
                server.endpoint());
    }

    public Endpoints endpoints() {
        return new Endpoints(config.pgHost(), config.pgPort(), config.pgUser(), config.pgPassword(),
                kafka.endpoint(), elasticsearch.endpoint(), config.home());
    }

    private Path pidFile(ManagedServer server) {
        return config.home().resolve("run").resolve(server.name() + ".pid");
    }

    private void createLayout() {
        try {
            for (String dir : List.of("run", "logs", "postgres", "kafka", "elasticsearch", "keys")) {
                Files.createDirectories(config.home().resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack home " + config.home(), e);
        }
    }

    private static void say(ManagedServer server, String message) {
        System.out.println("[stack] " + server.name() + ": " + message);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A server being waited for; {@code launched} is null when we didn't start it in this call. */
    private record Startup(ManagedServer server, Process launched, ProcessHandle handle, long startedNanos) {
    }
}
