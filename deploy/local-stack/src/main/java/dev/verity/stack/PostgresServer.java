package dev.verity.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** A private PostgreSQL cluster under {@code <home>/postgres}, unless one already answers on the configured port. */
final class PostgresServer implements ManagedServer {

    /** Unix socket paths are limited to 107 bytes including the ".s.PGSQL.<port>" file name. */
    private static final int MAX_SOCKET_DIR_LENGTH = 90;

    private final StackConfig config;
    private final ServiceUser user;
    private final Path dir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path log;

    PostgresServer(StackConfig config, ServiceUser user) {
        this.config = config;
        this.user = user;
        this.dir = config.home().resolve("postgres");
        this.dataDir = dir.resolve("data");
        this.socketDir = dir.resolve("socket");
        this.log = config.home().resolve("logs/postgres.log");
    }

    @Override public String name() { return "postgres"; }
    @Override public String endpoint() { return config.pgHost() + ":" + config.pgPort(); }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(60); }
    @Override public Path logFile() { return log; }
    @Override public String portSetting() { return "VERITY_PG_PORT (-Dverity.pg.port)"; }

    /** SIGTERM is "smart" shutdown, which waits for every client (e.g. a pooled service) to disconnect; INT doesn't. */
    @Override public String stopSignal() { return "INT"; }

    @Override
    public Probe probe() {
        if (!ProcessSupport.portAcceptsConnections(config.pgHost(), config.pgPort())) {
            return Probe.absent();
        }
        try (Connection c = connect("postgres")) {
            c.isValid(2);
            return Probe.ready();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                // Waiting can't fix credentials, and starting our own cluster would collide on the port.
                throw new IllegalStateException("PostgreSQL at " + endpoint() + " rejected user '" + config.pgUser()
                        + "': " + e.getMessage() + ". Set VERITY_PG_USER and VERITY_PG_PASSWORD (or -Dverity.pg.user / "
                        + "-Dverity.pg.password) to a superuser of that server, or set VERITY_PG_PORT to a free port "
                        + "so the stack starts its own cluster.");
            }
            if (state.equals("57P03")) {
                return Probe.starting(e.getMessage());
            }
            if (state.equals("3D000")) {
                throw new IllegalStateException("PostgreSQL at " + endpoint() + " has no database 'postgres', which the "
                        + "stack uses for administration; create it or point VERITY_PG_PORT elsewhere");
            }
            return Probe.foreign("port " + config.pgPort() + " on " + config.pgHost() + " accepts connections but does "
                    + "not behave like PostgreSQL (" + e.getMessage() + "). Stop that process or set VERITY_PG_PORT "
                    + "(-Dverity.pg.port) to a free port.");
        }
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.pgUser());
        props.setProperty("password", config.pgPassword());
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "verity-local-stack");
        return DriverManager.getConnection("jdbc:postgresql://" + endpoint() + "/" + database, props);
    }

    @Override
    public Process launch() throws IOException {
        if (!isLoopback(config.pgHost())) {
            throw new IOException("no PostgreSQL answers at " + endpoint() + "; the stack only starts a private "
                    + "cluster on the loopback interface. Start that server or unset VERITY_PG_HOST.");
        }
        Path bin = findBinDir();
        user.ensureExists();
        user.requireReachable(config.home());
        Files.createDirectories(dir);
        Files.createDirectories(socketDir);
        user.own(dir);

        if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            initdb(bin);
        }
        List<String> cmd = new ArrayList<>(List.of(
                bin.resolve("postgres").toString(),
                "-D", dataDir.toString(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "port=" + config.pgPort(),
                "-c", "unix_socket_directories=" + socketDirSetting(),
                "-c", "max_connections=300",
                "-c", "logging_collector=off"));
        return ProcessSupport.launchDetached(user.wrap(cmd), dir, Map.of(), log);
    }

    private void initdb(Path bin) throws IOException {
        // A previous initdb may have died half way; it refuses a non-empty directory.
        FileSupport.deleteRecursively(dataDir);
        System.out.println("[stack] postgres: initdb into " + dataDir);
        // The superuser is the configured user so the configured credentials work against our own
        // cluster too; with trust auth the password is irrelevant.
        ProcessSupport.run(user.wrap(List.of(
                        bin.resolve("initdb").toString(),
                        "-D", dataDir.toString(),
                        "-U", config.pgUser(),
                        "--auth=trust",
                        "-E", "UTF8",
                        "--no-locale")),
                dir, Map.of(), Duration.ofSeconds(120));
    }

    /** Fall back to TCP only when the home is so deep that the socket path would exceed the kernel limit. */
    private String socketDirSetting() {
        String path = socketDir.toString();
        return path.length() <= MAX_SOCKET_DIR_LENGTH ? path : "";
    }

    /**
     * Debian's pg_config in /usr/bin may belong to the client package and report a bindir without
     * server binaries, so its answer is only used if initdb and postgres are really there.
     */
    static Path findBinDir() throws IOException {
        try {
            Path fromPgConfig = Path.of(ProcessSupport.run(List.of("pg_config", "--bindir"), null, null,
                    Duration.ofSeconds(10)).strip());
            if (hasServerBinaries(fromPgConfig)) {
                return fromPgConfig;
            }
        } catch (IOException e) {
            // No pg_config on the PATH; try the conventional locations.
        }
        Path debianRoot = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                var newest = versions
                        .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(v -> v.resolve("bin"))
                        .filter(PostgresServer::hasServerBinaries)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IOException("PostgreSQL server binaries (initdb, postgres) not found via `pg_config --bindir` or "
                + "/usr/lib/postgresql/*/bin. Install them (Debian: apt-get install postgresql) or run a server "
                + "yourself and point VERITY_PG_HOST/VERITY_PG_PORT at it.");
    }

    private static boolean hasServerBinaries(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
