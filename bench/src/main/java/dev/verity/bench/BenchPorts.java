package dev.verity.bench;

/**
 * Where a benchmark's services listen: {@code VERITY_BENCH_PORT_OFFSET} added to each service's own port, so benches
 * run from two checkouts on one machine never share a port. Without the variable each bench keeps the offset it
 * always had (they differ, so two different benches of one checkout can still run side by side).
 */
final class BenchPorts {

    private BenchPorts() {
    }

    /** The offset from {@code VERITY_BENCH_PORT_OFFSET}, or {@code fallback} when it is not set. */
    static int offset(int fallback) {
        String value = System.getenv("VERITY_BENCH_PORT_OFFSET");
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
