package dev.verity.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Process plumbing shared by the servers: detaching, one-shot commands, pid files, killing trees, log tails. */
final class ProcessSupport {

    private static final File DEV_NULL = new File("/dev/null");

    private ProcessSupport() {
    }

    /**
     * Starts a server that must outlive this JVM: {@code setsid} puts it in its own session so
     * terminal signals and the death of the launching JVM (a Maven test fork) don't reach it, stdin
     * is /dev/null so it never waits on or inherits our stdin, and output goes straight to a file so
     * no pipe breaks when we exit. A JVM child is never a process-group leader, so setsid execs in
     * place and {@link Process#pid()} is the server's own pid.
     */
    static Process launchDetached(List<String> command, Path workDir, Map<String, String> env, Path logFile)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "\n=== " + Instant.now() + " launching: " + abbreviate(command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        applyEnv(pb, env);
        return pb.start();
    }

    /** Runs a short setup command (initdb, storage format, chown) and returns its output; fails loudly. */
    static String run(List<String> command, Path workDir, Map<String, String> env, Duration timeout) throws IOException {
        Path out = Files.createTempFile("verity-stack-cmd", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir == null ? null : workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true);
            applyEnv(pb, env);
            Process p = pb.start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                killTree(p.toHandle());
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (!finished || p.exitValue() != 0) {
                throw new IOException("command " + (finished ? "failed with exit code " + p.exitValue()
                        : "timed out after " + timeout.toSeconds() + " s") + ": " + abbreviate(command)
                        + (output.isBlank() ? "" : "\n" + output.strip()));
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A null value removes the variable, so inherited settings like ES_JAVA_OPTS can't override ours. */
    private static void applyEnv(ProcessBuilder pb, Map<String, String> env) {
        if (env == null) {
            return;
        }
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
    }

    // ---- pid files -------------------------------------------------------------------------

    /**
     * Records pid and start time: after a reboot the pid may belong to an unrelated process, and
     * the start time lets us tell it apart instead of killing it.
     */
    static void writePidFile(Path pidFile, ProcessHandle process) throws IOException {
        Files.createDirectories(pidFile.getParent());
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, process.pid() + "\n" + started + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The live process a pid file names, or empty if the file is missing, unreadable or stale. */
    static Optional<ProcessHandle> readPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            long recordedStart = lines.size() > 1 ? Long.parseLong(lines.get(1).trim()) : 0L;
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessSupport::isRunning).filter(h -> {
                long actual = h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
                // Start times derive from clock ticks; allow for rounding but not for pid reuse.
                return recordedStart == 0 || actual == 0 || Math.abs(actual - recordedStart) < 2_000;
            });
            return handle;
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---- stopping ------------------------------------------------------------------------------

    record StopTarget(String name, ProcessHandle process, String signal) {
    }

    /**
     * Asks every target to stop with its own signal, waits up to {@code grace} for each process and
     * all of its descendants (Elasticsearch's CLI launcher has the server JVM as a child), then
     * SIGKILLs whatever is left. Descendants are captured before signalling because they get
     * re-parented to init once their parent exits. Returns how long each target took.
     */
    static Map<String, Duration> stopAll(List<StopTarget> targets, Duration grace) {
        long start = System.nanoTime();
        Map<String, List<ProcessHandle>> trees = new LinkedHashMap<>();
        for (StopTarget t : targets) {
            trees.put(t.name(), tree(t.process()));
            signal(t.process().pid(), t.signal());
        }
        Map<String, Duration> took = new LinkedHashMap<>();
        long deadline = start + grace.toNanos();
        while (took.size() < targets.size()) {
            for (StopTarget t : targets) {
                if (!took.containsKey(t.name()) && trees.get(t.name()).stream().noneMatch(ProcessSupport::isRunning)) {
                    took.put(t.name(), Duration.ofNanos(System.nanoTime() - start));
                }
            }
            if (System.nanoTime() > deadline) {
                for (StopTarget t : targets) {
                    if (!took.containsKey(t.name())) {
                        System.out.println("[stack] " + t.name() + ": did not stop within " + grace.toSeconds()
                                + " s, sending SIGKILL");
                        killAll(trees.get(t.name()));
                        took.put(t.name(), Duration.ofNanos(System.nanoTime() - start));
                    }
                }
                break;
            }
            sleep(100);
        }
        return took;
    }

    /** Immediate SIGKILL of a process and its descendants; for half-started servers and hung commands. */
    static void killTree(ProcessHandle root) {
        killAll(tree(root));
    }

    private static void killAll(List<ProcessHandle> processes) {
        // Children first so a parent can't respawn or re-parent them while we work.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processes.stream().anyMatch(ProcessSupport::isRunning) && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    /**
     * Like {@link ProcessHandle#isAlive()} but a zombie counts as dead. Servers outlive their
     * launcher and are re-parented to pid 1, which in containers and micro-VMs may reap late or
     * never; a zombie holds no port or file, so waiting for it would only stall stop().
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // the command name may contain spaces
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            descendants.forEach(all::add);
        }
        return all;
    }

    /** Sends a signal to a process and all its descendants (e.g. STOP and CONT to freeze a server for a while). */
    static void signalTree(ProcessHandle root, String signal) {
        for (ProcessHandle process : tree(root)) {
            signal(process.pid(), signal);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            // ProcessHandle can only send TERM/KILL; PostgreSQL's fast shutdown needs INT.
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- small helpers -------------------------------------------------------------------------

    /** The last {@code lines} lines of a log, for failure messages; never throws. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }

    static String failureWithLog(String message, Path log, int lines) {
        return message + "\n--- last " + lines + " lines of " + log + " ---\n" + tail(log, lines) + "\n---";
    }

    static boolean portAcceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isRoot() {
        try {
            // /proc/self is owned by the effective uid of the reading process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path javaExecutable() {
        return currentJavaHome().resolve("bin/java");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: a leftover file is reported as stale next time.
        }
    }

    /** Keeps huge classpaths out of messages. */
    static String abbreviate(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String part : command) {
            sb.append(part.length() > 200 ? part.substring(0, 120) + "...(" + part.length() + " chars)" : part).append(' ');
        }
        return sb.toString().strip();
    }
}
