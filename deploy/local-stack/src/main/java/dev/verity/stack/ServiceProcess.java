package dev.verity.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A packaged Quarkus service ({@code quarkus-run.jar}) running as its own OS process, the way
 * end-to-end tests and benchmarks see it. Unlike the stack's servers it belongs to its launcher:
 * it stays in our process group (Ctrl-C reaches it) and is killed if the launcher exits without
 * closing it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int LOG_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final long startedNanos;
    private final Thread cleanup;

    private ServiceProcess(String name, int port, Process process, Path logFile, long startedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.startedNanos = startedNanos;
        this.cleanup = new Thread(() -> ProcessSupport.killTree(process.toHandle()), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * @param systemProperties configuration passed as {@code -D} options: visible to anyone on the machine ({@code ps}),
     *                         so never a secret
     * @param environment      added to the inherited environment, which only the process's owner can read; the place
     *                         for secrets (e.g. {@code QUARKUS_DATASOURCE_PASSWORD}). Only its names are logged.
     */
    public static ServiceProcess start(String name, Path quarkusRunJar, int httpPort, Map<String, String> systemProperties,
                                       Map<String, String> environment, Path logFile, List<String> jvmOptions) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalArgumentException(name + ": " + quarkusRunJar + " does not exist; package the service first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessSupport.javaExecutable().toString());
        cmd.addAll(jvmOptions);
        // Sorted so the command line (and the log header) is stable between runs.
        new TreeMap<>(systemProperties).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(quarkusRunJar.toString());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            String envNames = environment.isEmpty() ? ""
                    : " (environment: " + String.join(", ", new TreeMap<>(environment).keySet()) + ")";
            Files.writeString(logFile, "\n=== " + Instant.now() + " launching " + name + ": " + String.join(" ", cmd) + envNames + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(cmd);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(quarkusRunJar.toAbsolutePath().getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true)
                    .start();
            return new ServiceProcess(name, httpPort, process, logFile, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name + " from " + quarkusRunJar, e);
        }
    }

    /** Polls the readiness endpoint; returns the time from {@link #start} to ready. */
    public Duration awaitReady(Duration timeout) {
        URI uri = URI.create(baseUrl() + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before it was ready");
            }
            if (answersOk(uri)) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            if (System.nanoTime() > deadline) {
                // A service that never became ready is useless to the caller and would keep its port.
                IllegalStateException e = failure(name + " was not ready at " + uri + " within " + timeout.toSeconds() + " s");
                close();
                throw e;
            }
            ProcessSupport.sleep(200);
        }
    }

    private static boolean answersOk(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(ProcessSupport.failureWithLog(message, logFile, LOG_LINES));
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in kB from /proc, or -1 once the process is gone. */
    public long residentMemoryKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Crashes the service (SIGKILL: no shutdown hooks, no graceful drain), as a fault test does, and waits until it
     * is gone. Start it again with {@link VeritySystem#restart}.
     */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux: the JVM gets no chance to finish anything
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; nothing to undo.
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ProcessSupport.stopAll(List.of(new ProcessSupport.StopTarget(name, process.toHandle(), "TERM")), STOP_GRACE);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; nothing to undo.
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", " + baseUrl() + "]";
    }
}
