package dev.verity.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the local stack lives and which ports it uses. Each value comes from a system property,
 * then an environment variable, then a default, so the same stack can be addressed from Maven
 * (system properties), scripts (environment) and an IDE (defaults).
 */
public final class StackConfig {

    private static final Pattern SIDE_NAME = Pattern.compile("[a-z0-9-]{1,64}");
    private static final List<String> SERVERS = List.of("postgres", "kafka", "elasticsearch");

    private final Path home;
    private final String pgHost;
    private final int pgPort;
    private final String pgUser;
    private final String pgPassword;
    private final int kafkaPort;
    private final int esPort;

    private StackConfig(Path home, String pgHost, int pgPort, String pgUser, String pgPassword,
                        int kafkaPort, int esPort) {
        this.home = home;
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
        this.kafkaPort = kafkaPort;
        this.esPort = esPort;
    }

    public static StackConfig fromEnvironment() {
        return from(System.getProperties(), System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
    }

    /** Seam for tests: resolves against explicit property/env maps instead of the real process. */
    static StackConfig from(Properties props, Map<String, String> env, Path cwd, Path userHome) {
        Lookup lookup = new Lookup(props, env);
        String homeValue = lookup.get("verity.stack.home", "VERITY_STACK_HOME");
        Path home = homeValue != null ? Path.of(homeValue) : defaultHome(cwd, userHome);
        String side = lookup.get("verity.stack.side", "VERITY_STACK_SIDE");
        if (side != null) {
            if (!SIDE_NAME.matcher(side).matches()) {
                throw new IllegalArgumentException("verity.stack.side / VERITY_STACK_SIDE must be a plain name "
                        + "([a-z0-9-]+), got '" + side + "'");
            }
            // a stack of its own under the configured one: see LocalStack#stop, which stops it with its parent
            home = home.resolve("side").resolve(side);
        }
        int shift = lookup.getShift();
        Set<String> moved = lookup.getShiftedServers();
        return new StackConfig(
                home.toAbsolutePath().normalize(),
                lookup.get("verity.pg.host", "VERITY_PG_HOST", "127.0.0.1"),
                shifted(lookup.getPort("verity.pg.port", "VERITY_PG_PORT", 5432), moved.contains("postgres") ? shift : 0),
                lookup.get("verity.pg.user", "VERITY_PG_USER", "postgres"),
                lookup.get("verity.pg.password", "VERITY_PG_PASSWORD", ""),
                shifted(lookup.getPort("verity.kafka.port", "VERITY_KAFKA_PORT", 9092), moved.contains("kafka") ? shift : 0),
                shifted(lookup.getPort("verity.es.port", "VERITY_ES_PORT", 9200),
                        moved.contains("elasticsearch") ? shift : 0));
    }

    /**
     * {@code verity.stack.port-shift} moves the ports of the servers named in {@code verity.stack.shifted-servers}
     * (all three by default) by the same amount: a side stack (the outage tests run on one, see the parent pom) gets
     * servers of its own beside the configured ones without a port to configure, and reuses the servers it does not
     * move, as any stack reuses a server that answers on its port. The shift is small and positive so that stacks
     * configured 10 ports apart never meet.
     */
    private static int shifted(int port, int shift) {
        int moved = port + shift;
        if (moved > 65535) {
            throw new IllegalArgumentException("verity.stack.port-shift " + shift + " moves port " + port
                    + " past 65535");
        }
        return moved;
    }

    /** Project-local by default so that `git clean` or deleting one directory resets everything. */
    static Path defaultHome(Path cwd, Path userHome) {
        for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy/local-stack"))) {
                return dir.resolve(".verity-stack");
            }
        }
        return userHome.resolve(".cache/verity-stack");
    }

    /** The same stack settings with another home: how {@link LocalStack#stop()} reaches the side stacks under it. */
    StackConfig withHome(Path otherHome) {
        return new StackConfig(otherHome, pgHost, pgPort, pgUser, pgPassword, kafkaPort, esPort);
    }

    public Path home() { return home; }
    public String pgHost() { return pgHost; }
    public int pgPort() { return pgPort; }
    public String pgUser() { return pgUser; }
    public String pgPassword() { return pgPassword; }
    public int kafkaPort() { return kafkaPort; }
    /** The KRaft controller listener sits next to the broker so one setting moves both. */
    public int kafkaControllerPort() { return kafkaPort + 1; }
    public int esPort() { return esPort; }
    /** Same convention as Elasticsearch's own defaults (9200 / 9300). */
    public int esTransportPort() { return esPort + 100; }

    @Override
    public String toString() {
        return "StackConfig[home=" + home + ", pg=" + pgUser + "@" + pgHost + ":" + pgPort
                + ", kafkaPort=" + kafkaPort + ", esPort=" + esPort + "]";
    }

    private record Lookup(Properties props, Map<String, String> env) {
        String get(String property, String envVar) {
            String value = props.getProperty(property);
            if (value == null || value.isBlank()) {
                value = env.get(envVar);
            }
            return value == null || value.isBlank() ? null : value.trim();
        }

        String get(String property, String envVar, String defaultValue) {
            // A password may legitimately be blank, so only "absent" falls back to the default.
            String value = props.getProperty(property);
            if (value == null) {
                value = env.get(envVar);
            }
            return Objects.requireNonNullElse(value, defaultValue).trim();
        }

        Set<String> getShiftedServers() {
            String value = get("verity.stack.shifted-servers", "VERITY_STACK_SHIFTED_SERVERS");
            if (value == null) {
                return Set.copyOf(SERVERS);
            }
            Set<String> servers = new LinkedHashSet<>();
            for (String name : value.split(",")) {
                if (!SERVERS.contains(name.trim())) {
                    throw new IllegalArgumentException("verity.stack.shifted-servers / VERITY_STACK_SHIFTED_SERVERS"
                            + " names servers out of " + SERVERS + ", got '" + value + "'");
                }
                servers.add(name.trim());
            }
            return servers;
        }

        int getShift() {
            String value = get("verity.stack.port-shift", "VERITY_STACK_PORT_SHIFT");
            if (value == null) {
                return 0;
            }
            try {
                int shift = Integer.parseInt(value);
                if (shift < 0 || shift > 9) {
                    throw new NumberFormatException();
                }
                return shift;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("verity.stack.port-shift / VERITY_STACK_PORT_SHIFT must be a number"
                        + " from 0 to 9, got '" + value + "'");
            }
        }

        int getPort(String property, String envVar, int defaultValue) {
            String value = get(property, envVar);
            if (value == null) {
                return defaultValue;
            }
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " / " + envVar + " must be a TCP port, got '" + value + "'");
            }
        }
    }
}
