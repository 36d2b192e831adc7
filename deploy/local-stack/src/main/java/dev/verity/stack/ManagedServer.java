package dev.verity.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** What {@link LocalStack} needs from each kind of server to reuse, start, await and stop it uniformly. */
interface ManagedServer {

    /** Short name used in messages and for the pid file ({@code <home>/run/<name>.pid}). */
    String name();

    /** host:port clients connect to. */
    String endpoint();

    /**
     * Asks the endpoint whether the expected server answers. Must be cheap and must not throw for
     * the ordinary "nothing there yet" case; throws only for conditions no waiting can fix.
     */
    Probe probe();

    /** One-time setup (install, initdb, format) plus per-start config, then spawns the server detached. */
    Process launch() throws IOException;

    Duration readyTimeout();

    /** Where the server's stdout/stderr go; its tail is quoted in failure messages. */
    Path logFile();

    /** The setting that moves this server to other ports, for error messages. */
    String portSetting();

    /** Ports besides the endpoint that the server binds; checked before launch for a clear error. */
    default int[] auxiliaryPorts() {
        return new int[0];
    }

    /** The signal that requests a clean but prompt shutdown. */
    default String stopSignal() {
        return "TERM";
    }

    record Probe(State state, String detail) {
        enum State {
            /** The expected server answers and is ready for clients. */
            READY,
            /** Nothing accepts connections on the port. */
            ABSENT,
            /** The expected server answers but is not ready yet. */
            STARTING,
            /** Something else holds the port. */
            FOREIGN
        }

        static Probe ready() { return new Probe(State.READY, "ready"); }
        static Probe absent() { return new Probe(State.ABSENT, "nothing listening"); }
        static Probe starting(String detail) { return new Probe(State.STARTING, detail); }
        static Probe foreign(String detail) { return new Probe(State.FOREIGN, detail); }
    }
}
