package dev.verity.bench;

import dev.verity.stack.LocalStack;
import dev.verity.stack.ServerStatus;
import dev.verity.stack.VeritySystem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark drives, so a figure can say where the time of a request went: a named set of
 * process trees (a server and everything it started: Elasticsearch's launcher and its JVM, PostgreSQL's postmaster
 * and its backends), read from the OS. A process that ended between two samples takes its CPU time with it, so
 * pooled, long-lived processes (the JVMs, pooled backends) are what this measures well.
 */
final class ProcessCpu {

    private final Map<String, ProcessHandle> roots;

    private ProcessCpu(Map<String, ProcessHandle> roots) {
        this.roots = roots;
    }

    /** The named services, the stack's PostgreSQL and Elasticsearch (when this stack started them), and this JVM. */
    static ProcessCpu of(VeritySystem system, List<String> services, LocalStack stack) {
        Map<String, ProcessHandle> roots = new LinkedHashMap<>();
        system.processes().stream().filter(p -> services.contains(p.name()))
                .forEach(p -> ProcessHandle.of(p.pid()).ifPresent(h -> roots.put(p.name(), h)));
        server(stack.status().elasticsearch()).ifPresent(h -> roots.put("Elasticsearch", h));
        server(stack.status().postgres()).ifPresent(h -> roots.put("PostgreSQL", h));
        roots.put("bench client", ProcessHandle.current());
        return new ProcessCpu(roots);
    }

    private static Optional<ProcessHandle> server(ServerStatus status) {
        return status.startedByUs() ? ProcessHandle.of(status.pid()) : Optional.empty();
    }

    List<String> names() {
        return List.copyOf(roots.keySet());
    }

    /** CPU nanoseconds used so far by each process tree. */
    Map<String, Long> sample() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        roots.forEach((name, root) -> nanos.put(name, Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum()));
        return nanos;
    }

    /** {@code later} minus {@code earlier}, per process tree. */
    static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        later.forEach((name, nanos) -> delta.put(name, nanos - earlier.getOrDefault(name, 0L)));
        return delta;
    }
}
