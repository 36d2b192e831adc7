package dev.verity.bench;

import java.util.Arrays;

/** {@code ./verity bench [name] [options]}: runs one benchmark and prints its figures. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // jose4j (dev tokens) logs through SLF4J, which has no provider here and would only print warnings
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        String name = args.length == 0 ? "search-latency" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (name) {
            case "search-latency" -> SearchLatencyBench.main(rest);
            case "write-path" -> WritePathBench.main(rest);
            case "import" -> ImportBench.main(rest);
            case "hostile" -> HostileBench.main(rest);
            case "expiry" -> ExpiryBench.main(rest);
            case "relay" -> RelayBench.main(rest);
            case "faults" -> FaultBench.main(rest);
            case "search-load" -> SearchLoadBench.main(rest);
            case "notifications" -> NotificationsBench.main(rest);
            case "web" -> WebBench.main(rest);
            case "idle" -> IdleBench.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + name + "'; available: search-latency [--cards N], "
                        + "write-path [--cards N] [--clients N] [--warmup N] [--reads N], import [--file NDJSON], hostile, "
                        + "expiry [--cards N] [--clients N], relay [--events N] [--record-size R] [--relay name=value]... [--jfr], faults [-Dfaults.es-outage=PT2M ...], "
                        + "search-load [--clients N] [--seconds N] [--file NDJSON], notifications [--events N] "
                        + "[--groups G] [--group-size S] [--subscriptions K] [--cards M] [--clients C] "
                        + "[--only fanout|webhooks], web [--queries N], idle [--settle S] [--seconds S]");
                System.exit(2);
            }
        }
    }
}
