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
     * How long outage tests keep a dependency away: 2 minutes by default (longer than any retry budget would
     * survive), shortened for a quick local run with {@code -Dverity.test.outage=PT20S}.
     */
    public static Duration outage() {
        return Duration.parse(System.getProperty("verity.test.outage", "PT2M"));
    }

    /**
     * How long the broker stays down in the outbox relay's outage test: 10 minutes by default (twice the old
     * relay's whole attempt budget), shortened with {@code -Dverity.test.broker-outage=PT30S}.
     */
    public static Duration brokerOutage() {
        return Duration.parse(System.getProperty("verity.test.broker-outage", "PT10M"));
    }
}
