package dev.verity.testing;

import dev.verity.stack.LocalStack;
import java.time.Duration;

/**
 * Real outages of the local stack's servers for tests: {@link #freeze} stops a server's processes with SIGSTOP
 * (connections hang, as with a server that is overloaded or cut off) until the returned handle is closed.
 * {@link #crash} kills one for real. Only servers the stack home started can be disturbed; a reused server is
 * somebody else's.
 */
public final class TestOutages {

    private TestOutages() {
    }

    /** A frozen server; closing it thaws the server (SIGCONT), also when the test failed. */
    public interface Frozen extends AutoCloseable {
        @Override
        void close();
    }

    /** @param server {@code postgres}, {@code kafka} or {@code elasticsearch} */
    public static Frozen freeze(String server) {
        LocalStack stack = LocalStack.fromEnvironment();
        stack.signal(server, "STOP");
        return () -> stack.signal(server, "CONT");
    }

    /**
     * Kills a server with SIGKILL, as a crash or a pulled plug would; {@link #restart()} brings it back on the same
     * data.
     */
    public static void crash(String server) {
        LocalStack.fromEnvironment().signal(server, "KILL");
    }

    /** Starts whatever server of the stack is not running (after {@link #crash}) and waits until it is ready. */
    public static void restart() {
        LocalStack.fromEnvironment().ensureStarted();
    }

    /**
     * How long outage tests keep a dependency away: 30 s by default. The tests that use it set the limits they prove
     * the outage outlives (timeouts, back-off ceilings, retry budgets) to seconds in their test profile and check
     * that this is clearly longer, so seconds prove what minutes against the production limits would; the
     * full-length outages run in {@code ./verity bench faults}. Longer with e.g. {@code -Dverity.test.outage=PT2M}.
     */
    public static Duration outage() {
        return Duration.parse(System.getProperty("verity.test.outage", "PT30S"));
    }

    /**
     * How long the broker stays down in the outbox relay's outage test: 20 s by default, at least three times the
     * longest of the relay's limits in that test's profile (see {@link #outage()}); the 10-minute outage against the
     * production limits is {@code ./verity bench faults -Dfaults.kafka-down=PT10M}. Longer with e.g.
     * {@code -Dverity.test.broker-outage=PT10M}.
     */
    public static Duration brokerOutage() {
        return Duration.parse(System.getProperty("verity.test.broker-outage", "PT20S"));
    }
}
