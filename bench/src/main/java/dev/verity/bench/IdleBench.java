package dev.verity.bench;

import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the system costs doing nothing, and how fast it stops (issue 27, part 5). The four services start with empty
 * databases (instance {@code idlebench}, ports 8081–8084 + 24000, or + {@code VERITY_BENCH_PORT_OFFSET}), are left to
 * settle (consumers joined, start-up work done), then each one's CPU time is read over a quiet window: milliseconds
 * of CPU per second of wall time, per service (and for PostgreSQL and Elasticsearch, when this stack started them).
 * Nothing calls them meanwhile, so every millisecond is polling: relays, schedulers, Kafka consumers. Then every
 * service gets SIGTERM at once, and the time until each process has exited is printed (aim: within 10 s; one that
 * has not exited after 30 s is killed and reported so).
 */
public final class IdleBench {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private IdleBench() {
    }

    public static void main(String[] args) throws Exception {
        int settle = 30;
        int seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--settle" -> settle = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("idle [--settle S] [--seconds S]: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path root = VeritySystem.projectRoot();
        LocalStack stack = LocalStack.fromEnvironment();
        try (VeritySystem system = VeritySystem.start(root, stack, "idlebench", BenchPorts.offset(24_000),
                System.out, Duration.ofSeconds(300))) {
            List<String> services = VeritySystem.SERVICES.stream().map(VeritySystem.Service::name).toList();
            ProcessCpu cpu = ProcessCpu.of(system, services, stack);
            System.out.printf("%n[bench] all four up; settling for %d s (load %s)%n", settle, load());
            Thread.sleep(settle * 1000L); // the measurement's own quiet period, not a wait for a state
            String loadBefore = load();
            Map<String, Long> before = cpu.sample();
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            Map<String, Long> used = ProcessCpu.minus(cpu.sample(), before);
            double wall = (System.nanoTime() - started) / 1e9;
            String loadAfter = load();

            List<ServiceProcess> processes = system.processes();
            Map<String, Optional<Duration>> stops = stopAll(processes);

            System.out.printf("%n[bench] idle: %.1f s with nothing to do (load %s -> %s)%n", wall, loadBefore,
                    loadAfter);
            System.out.println("  process                 CPU ms/s   (% of one core)");
            used.forEach((name, nanos) -> System.out.printf(Locale.ROOT, "  %-22s %8.2f   (%.2f %%)%n", name,
                    nanos / 1e6 / wall, nanos / 1e7 / wall));
            System.out.printf("%n[bench] SIGTERM to all four at once (aim: each exits within 10 s)%n");
            stops.forEach((name, took) -> System.out.printf(Locale.ROOT, "  %-22s %s%n", name,
                    took.map(d -> String.format(Locale.ROOT, "exited in %.1f s%s", d.toMillis() / 1e3,
                            d.compareTo(Duration.ofSeconds(10)) > 0 ? "  (over 10 s)" : ""))
                            .orElse("NOT exited within " + STOP_LIMIT.toSeconds() + " s: killed")));
        }
    }

    /** SIGTERM to every process at once; how long each took to exit (empty: killed after {@link #STOP_LIMIT}). */
    private static Map<String, Optional<Duration>> stopAll(List<ServiceProcess> processes) throws Exception {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        for (ServiceProcess process : processes) {
            ProcessHandle.of(process.pid()).ifPresent(h -> handles.put(process.name(), h));
        }
        long sent = System.nanoTime();
        handles.values().forEach(ProcessHandle::destroy); // SIGTERM: the JVM runs its shutdown
        Map<String, java.util.concurrent.CompletableFuture<Long>> exits = new LinkedHashMap<>();
        handles.forEach((name, handle) -> exits.put(name, handle.onExit().thenApply(h -> System.nanoTime())));
        Map<String, Optional<Duration>> took = new LinkedHashMap<>();
        long deadline = sent + STOP_LIMIT.toNanos();
        for (Map.Entry<String, java.util.concurrent.CompletableFuture<Long>> exit : exits.entrySet()) {
            try {
                long at = exit.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
                took.put(exit.getKey(), Optional.of(Duration.ofNanos(at - sent)));
            } catch (java.util.concurrent.TimeoutException e) {
                handles.get(exit.getKey()).destroyForcibly();
                took.put(exit.getKey(), Optional.empty());
            }
        }
        return took;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
