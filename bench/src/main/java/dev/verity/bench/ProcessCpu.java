package dev.verity.bench;

import dev.verity.stack.LocalStack;
import dev.verity.stack.ServerStatus;
import dev.verity.stack.VeritySystem;
import dev.verity.stack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark drives, so a figure can say where the time of a request went, in named
 * groups: the services it names one by one, the system's other services together, the stack's servers with every
 * process they started (Elasticsearch's launcher and its JVM, PostgreSQL's postmaster and its backends), and this JVM
 * alone (the services are its children, so never its descendants). A process that ended between two samples takes
 * its CPU time with it, so pooled, long-lived processes (the JVMs, pooled backends) are what this measures well.
 */
final class ProcessCpu {

    private final Map<String, Supplier<Stream<ProcessHandle>>> groups;

    private ProcessCpu(Map<String, Supplier<Stream<ProcessHandle>>> groups) {
        this.groups = groups;
    }

    /**
     * The named services one by one, the system's other services as one group, the stack's PostgreSQL and
     * Elasticsearch (when this stack started them), and this JVM.
     */
    static ProcessCpu of(VeritySystem system, List<String> services, LocalStack stack) {
        Map<String, Supplier<Stream<ProcessHandle>>> groups = new LinkedHashMap<>();
        List<ProcessHandle> others = new ArrayList<>();
        for (ServiceProcess process : system.processes()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
            if (services.contains(process.name())) {
                handle.ifPresent(h -> groups.put(process.name(), () -> Stream.of(h)));
            } else {
                handle.ifPresent(others::add);
            }
        }
        if (!others.isEmpty()) {
            groups.put("other services", others::stream);
        }
        server(stack.status().elasticsearch()).ifPresent(h -> groups.put("Elasticsearch", () -> tree(h)));
        server(stack.status().postgres()).ifPresent(h -> groups.put("PostgreSQL", () -> tree(h)));
        groups.put("bench client", () -> Stream.of(ProcessHandle.current()));
        return new ProcessCpu(groups);
    }

    static Optional<ProcessHandle> server(ServerStatus status) {
        return status.startedByUs() ? ProcessHandle.of(status.pid()) : Optional.empty();
    }

    static Stream<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants());
    }

    List<String> names() {
        return List.copyOf(groups.keySet());
    }

    /** CPU nanoseconds used so far by each group. */
    Map<String, Long> sample() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        groups.forEach((name, processes) -> nanos.put(name, processes.get()
                .mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum()));
        return nanos;
    }

    /** {@code later} minus {@code earlier}, per group. */
    static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        later.forEach((name, nanos) -> delta.put(name, nanos - earlier.getOrDefault(name, 0L)));
        return delta;
    }
}
