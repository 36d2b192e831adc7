package dev.verity.bench;

import dev.verity.stack.LocalStack;
import dev.verity.stack.ServiceProcess;
import dev.verity.stack.VeritySystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives the services a share of the machine's CPUs of their own, as a deployment does (search pods never run on the
 * Elasticsearch nodes): Elasticsearch and this JVM (the load's clients) on the first half of the CPUs, the services
 * and their PostgreSQL on the second half, with {@code taskset} on every thread of every process. Closing it gives
 * every process all CPUs again. Elasticsearch gets the same CPUs whether the requests come from the service or
 * straight from the clients, so the two figures compare what the service adds to a search, not what it takes from
 * Elasticsearch on a shared machine.
 */
final class CorePinning implements AutoCloseable {

    private final List<Long> pids;
    private final String all;

    private CorePinning(List<Long> pids, String all) {
        this.pids = pids;
        this.all = all;
    }

    /** Empty, after saying why, on a single-CPU machine, without taskset, or when the stack's servers are not ours. */
    static Optional<CorePinning> split(VeritySystem system, LocalStack stack) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        Optional<ProcessHandle> elasticsearch = ProcessCpu.server(stack.status().elasticsearch());
        Optional<ProcessHandle> postgres = ProcessCpu.server(stack.status().postgres());
        if (cpus < 2 || elasticsearch.isEmpty() || postgres.isEmpty()) {
            System.out.printf("[bench] no measurement on separate CPUs: %s%n", cpus < 2 ? "one CPU"
                    : "the stack's Elasticsearch and PostgreSQL were not started by this stack home");
            return Optional.empty();
        }
        String searchSide = cpus == 2 ? "0" : "0-" + (cpus / 2 - 1);
        String serviceSide = cpus == 2 ? "1" : (cpus / 2) + "-" + (cpus - 1);
        List<Long> pinned = new ArrayList<>();
        CorePinning pinning = new CorePinning(pinned, "0-" + (cpus - 1));
        try {
            for (ProcessHandle process : ProcessCpu.tree(elasticsearch.get()).toList()) {
                pinning.pin(process.pid(), searchSide);
            }
            pinning.pin(ProcessHandle.current().pid(), searchSide);
            for (ProcessHandle process : ProcessCpu.tree(postgres.get()).toList()) {
                pinning.pin(process.pid(), serviceSide);
            }
            for (ServiceProcess service : system.processes()) {
                pinning.pin(service.pid(), serviceSide);
            }
        } catch (Exception e) {
            pinning.close();
            System.out.printf("[bench] no measurement on separate CPUs: %s%n", e.getMessage());
            return Optional.empty();
        }
        System.out.printf("[bench] Elasticsearch and the clients on CPU %s; the services and PostgreSQL on CPU %s%n",
                searchSide, serviceSide);
        return Optional.of(pinning);
    }

    private void pin(long pid, String cpus) throws Exception {
        if (taskset(pid, cpus)) {
            pids.add(pid);
        }
    }

    /** False when the process is gone; fails when taskset is missing or refuses. */
    private static boolean taskset(long pid, String cpus) throws Exception {
        if (ProcessHandle.of(pid).isEmpty()) {
            return false;
        }
        Process taskset;
        try {
            taskset = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid", cpus, Long.toString(pid))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("taskset (util-linux) is not installed");
        }
        String output = new String(taskset.getInputStream().readAllBytes());
        if (taskset.waitFor() != 0 && ProcessHandle.of(pid).isPresent()) {
            throw new IllegalStateException("taskset refused pid " + pid + ": " + output.strip());
        }
        return true;
    }

    @Override
    public void close() {
        for (long pid : pids) {
            try {
                taskset(pid, all);
            } catch (Exception e) {
                System.out.printf("[bench] could not give pid %d all CPUs again: %s%n", pid, e.getMessage());
            }
        }
    }
}
