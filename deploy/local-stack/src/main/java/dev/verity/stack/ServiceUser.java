package dev.verity.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL and Elasticsearch refuse to run as root. When we are root (CI containers, this dev VM)
 * they run as a dedicated system user instead; otherwise they simply run as the current user.
 */
final class ServiceUser {

    static final String NAME = "verity";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final boolean active;

    private ServiceUser(boolean active) {
        this.active = active;
    }

    static ServiceUser forCurrentProcess() {
        return new ServiceUser(ProcessSupport.isRoot());
    }

    boolean active() {
        return active;
    }

    /** Creates the system user once; concurrent callers are serialised by the stack lock. */
    void ensureExists() throws IOException {
        if (!active || userExists()) {
            return;
        }
        ProcessSupport.run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME),
                null, null, COMMAND_TIMEOUT);
        System.out.println("[stack] created system user '" + NAME + "' to run postgres and elasticsearch (they refuse root)");
    }

    private static boolean userExists() throws IOException {
        try {
            ProcessSupport.run(List.of("id", "-u", NAME), null, null, COMMAND_TIMEOUT);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Prefixes a command so it runs as the service user. setpriv execs rather than forks, so the pid
     * we record is the server itself and signals reach it directly.
     */
    List<String> wrap(List<String> command) {
        if (!active) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid", NAME, "--regid", NAME, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives the service user ownership of directories it writes to (recursively). */
    void own(Path... dirs) throws IOException {
        if (!active) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("chown", "-R", NAME + ":" + NAME));
        for (Path dir : dirs) {
            cmd.add(dir.toString());
        }
        ProcessSupport.run(cmd, null, null, COMMAND_TIMEOUT);
    }

    /**
     * Fails early and specifically if the service user cannot reach a directory (typically the
     * stack home below a 0700 directory such as /root); below it we chown what it needs. We don't
     * silently fall back to another home: other modules read keys and logs from the configured one.
     */
    void requireReachable(Path dir) throws IOException {
        if (!active) {
            return;
        }
        try {
            ProcessSupport.run(wrap(List.of("test", "-x", dir.toString())), null, null, COMMAND_TIMEOUT);
        } catch (IOException e) {
            Path blocker = firstUntraversable(dir);
            throw new IOException("user '" + NAME + "' (used because postgres/elasticsearch refuse to run as root) cannot "
                    + "reach " + dir + (blocker != null ? " because it cannot traverse " + blocker
                    + ". Fix: chmod o+x " + blocker : "")
                    + ", or point VERITY_STACK_HOME (-Dverity.stack.home) elsewhere, e.g. /var/tmp/verity-stack");
        }
    }

    private Path firstUntraversable(Path dir) {
        for (Path p = dir.getRoot(); p != null; ) {
            try {
                ProcessSupport.run(wrap(List.of("test", "-x", p.toString())), null, null, COMMAND_TIMEOUT);
            } catch (IOException e) {
                return Files.exists(p) ? p : null;
            }
            if (p.equals(dir)) {
                return null;
            }
            p = p.resolve(dir.getName(p.getNameCount()));
        }
        return null;
    }
}
