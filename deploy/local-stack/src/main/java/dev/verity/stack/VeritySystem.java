package dev.verity.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The four services, launched from their packaged jars as separate processes against the local stack. One
 * launcher serves the run command, the end-to-end tests and the benchmarks; an {@code instance} name keeps
 * their databases, consumer groups and search alias apart, so tests can run beside a running local system.
 */
public final class VeritySystem implements AutoCloseable {

    /** A service: its module folder, default port and database. */
    public record Service(String name, int port, String database) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("card-service", 8081, "verity_card"),
            new Service("verification-service", 8082, "verity_verification"),
            new Service("search-service", 8083, "verity_search"),
            new Service("notification-service", 8084, "verity_notification"));

    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    /** How each service was launched, so {@link #restart} starts it again exactly so. */
    private final Map<String, Function<Map<String, String>, ServiceProcess>> launchers = new LinkedHashMap<>();

    /** What {@link #startWeb} needs to know about how the services were started. */
    private Path projectRoot;
    private Endpoints endpoints;
    private String instance;
    private int portOffset;

    /** The web server's default port: the browser app and the four APIs under /api/ on one origin. */
    public static final int WEB_PORT = 8080;

    private VeritySystem() {
    }

    /**
     * @param projectRoot the repository root (holds each service's {@code target/quarkus-app})
     * @param instance    empty for the developer's system; e.g. {@code e2e} or {@code bench} for isolated runs
     * @param portOffset  added to each default port (0 for the developer's system)
     */
    public static VeritySystem start(Path projectRoot, LocalStack stack, String instance, int portOffset,
            PrintStream out) {
        return start(projectRoot, stack, instance, portOffset, out, Duration.ofSeconds(120));
    }

    /** As above, waiting up to {@code readyTimeout} for each service (a loaded machine can need minutes). */
    public static VeritySystem start(Path projectRoot, LocalStack stack, String instance, int portOffset,
            PrintStream out, Duration readyTimeout) {
        return start(projectRoot, stack, instance, portOffset, out, readyTimeout, Map.of());
    }

    /**
     * As above, with extra configuration per service name (e.g. a benchmark turning on a debug log), added to what
     * {@link #launch} gives and overriding it.
     */
    public static VeritySystem start(Path projectRoot, LocalStack stack, String instance, int portOffset,
            PrintStream out, Duration readyTimeout, Map<String, Map<String, String>> settings) {
        Endpoints endpoints = stack.ensureStarted();
        DevKeys keys = DevKeys.ensure(endpoints.home());
        String suffix = instance.isEmpty() ? "" : "_" + instance;
        VeritySystem system = new VeritySystem();
        system.projectRoot = projectRoot;
        system.endpoints = endpoints;
        system.instance = instance;
        system.portOffset = portOffset;
        try {
            for (Service service : SERVICES) {
                stack.ensureDatabase(service.database() + suffix);
            }
            for (Service service : SERVICES) {
                int port = service.port() + portOffset;
                Path jar = projectRoot.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
                Path log = endpoints.home().resolve("logs")
                        .resolve(service.name() + (instance.isEmpty() ? "" : "-" + instance) + ".log");
                Launch launch = launch(service, endpoints, keys.publicKeyPem(), instance, port)
                        .with(settings.getOrDefault(service.name(), Map.of()));
                out.printf("[system] starting %s on port %d (log %s)%n", service.name(), port, log);
                Function<Map<String, String>, ServiceProcess> launcher = overrides -> ServiceProcess.start(
                        service.name(), jar, port, launch.with(overrides).systemProperties(), launch.environment(), log,
                        List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
                system.launchers.put(service.name(), launcher);
                system.processes.put(service.name(), launcher.apply(Map.of()));
            }
            for (ServiceProcess process : system.processes.values()) {
                Duration ready = process.awaitReady(readyTimeout);
                system.startTimes.put(process.name(), ready);
                out.printf("[system] %-21s ready in %5.1f s  %s%n", process.name(), ready.toMillis() / 1000.0,
                        process.baseUrl());
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * Starts the web server ({@code web/target/quarkus-app}) in front of the running services: the browser app at
     * {@code http://127.0.0.1:8080} (plus the port offset), the four APIs under {@code /api/...} on the same origin,
     * and the dev sign-in with this stack's key. It runs in the {@code local} profile: the prod profile never mints
     * tokens. {@link #close} stops it with the services.
     */
    public ServiceProcess startWeb(PrintStream out, Duration readyTimeout) {
        int port = WEB_PORT + portOffset;
        Path jar = projectRoot.resolve("web/target/quarkus-app/quarkus-run.jar");
        Path log = endpoints.home().resolve("logs").resolve("web" + (instance.isEmpty() ? "" : "-" + instance) + ".log");
        DevKeys keys = DevKeys.ensure(endpoints.home());
        Map<String, String> urls = new LinkedHashMap<>();
        SERVICES.forEach(service -> urls.put(service.name(), baseUrl(service.name())));
        Map<String, String> props = webLaunch(urls, keys.privateKeyPem(), port);
        out.printf("[system] starting web on port %d (log %s)%n", port, log);
        Function<Map<String, String>, ServiceProcess> launcher = overrides -> {
            Map<String, String> all = new LinkedHashMap<>(props);
            all.putAll(overrides);
            return ServiceProcess.start("web", jar, port, all, Map.of(), log,
                    List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC"));
        };
        launchers.put("web", launcher);
        ServiceProcess web = launcher.apply(Map.of());
        processes.put("web", web);
        Duration ready = web.awaitReady(readyTimeout);
        startTimes.put("web", ready);
        out.printf("[system] %-21s ready in %5.1f s  %s%n", "web", ready.toMillis() / 1000.0, web.baseUrl());
        return web;
    }

    /**
     * The web server's settings: the four services behind {@code /api/...}, the dev sign-in with the stack's private
     * key, and the {@code local} profile (the prod profile refuses to mint tokens whatever its configuration).
     */
    static Map<String, String> webLaunch(Map<String, String> serviceUrls, Path privateKeyPem, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.profile", "local");
        props.put("verity.web.upstream.cards", serviceUrls.get("card-service"));
        props.put("verity.web.upstream.verification", serviceUrls.get("verification-service"));
        props.put("verity.web.upstream.search", serviceUrls.get("search-service"));
        props.put("verity.web.upstream.notifications", serviceUrls.get("notification-service"));
        props.put("verity.web.dev-sign-in.private-key-location", privateKeyPem.toAbsolutePath().toString());
        props.put("verity.web.dev-sign-in.issuer", DevKeys.ISSUER);
        props.put("verity.web.dev-sign-in.token-ttl", DevKeys.DEV_TOKEN_TTL.toString());
        props.put("verity.web.dev-sign-in.admin-group", DevKeys.ADMIN_GROUP);
        return props;
    }

    /** What one service is started with: configuration on its command line, secrets in its environment. */
    record Launch(Map<String, String> systemProperties, Map<String, String> environment) {

        Launch with(Map<String, String> extra) {
            if (extra.isEmpty()) {
                return this;
            }
            Map<String, String> props = new LinkedHashMap<>(systemProperties);
            props.putAll(extra);
            return new Launch(props, environment);
        }
    }

    /**
     * The settings that point a service at the stack. The packaged jars run in the prod profile, where the token
     * issuer, key and admin groups have no defaults, so they are all given here.
     */
    static Launch launch(Service service, Endpoints endpoints, Path publicKeyPem, String instance, int port) {
        String suffix = instance.isEmpty() ? "" : "_" + instance;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl(service.database() + suffix));
        props.put("quarkus.datasource.username", endpoints.pgUser());
        props.put("kafka.bootstrap.servers", endpoints.kafkaBootstrap());
        props.put("mp.jwt.verify.publickey.location", publicKeyPem.toAbsolutePath().toString());
        props.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
        // the tokens printed by `./verity run` and `./verity token` live 8 h; the platform default accepts 1 h
        props.put("mp.jwt.verify.token.age", Long.toString(DevKeys.DEV_TOKEN_TTL.toSeconds()));
        props.put("verity.auth.admin-groups", DevKeys.ADMIN_GROUP);
        if (!instance.isEmpty()) {
            // its own topics: an e2e or benchmark run neither feeds nor reads what `./verity run` uses
            props.put("verity.kafka.topic-prefix", instance + ".");
        }
        if (!service.name().equals("card-service")) {
            props.put("mp.messaging.incoming.card-events.group.id", service.name() + suffix);
        }
        if (service.name().equals("notification-service")) {
            // webhooks to receivers on this machine (the README's curl demo, benchmarks): plain http and loopback
            props.put("verity.webhooks.targets.allow-http", "true");
            props.put("verity.webhooks.targets.allow-loopback", "true");
        }
        if (service.name().equals("search-service")) {
            props.put("quarkus.elasticsearch.hosts", endpoints.elasticsearchHost());
            props.put("verity.search.alias", instance.isEmpty() ? "cards" : instance + "-cards");
        }
        // A -D option would show the password to everyone on the machine (ps); the environment only to its owner.
        Map<String, String> env = endpoints.pgPassword().isEmpty() ? Map.of()
                : Map.of("QUARKUS_DATASOURCE_PASSWORD", endpoints.pgPassword());
        return new Launch(props, env);
    }

    /** Repository root: the nearest ancestor of the working directory holding pom.xml and deploy/local-stack. */
    public static Path projectRoot() {
        String explicit = System.getProperty("verity.project.root");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy/local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from inside the Verity repository (no pom.xml + deploy/local-stack above "
                + Path.of("").toAbsolutePath() + ")");
    }

    public String baseUrl(String service) {
        return process(service).baseUrl();
    }

    public ServiceProcess process(String service) {
        ServiceProcess process = processes.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no service " + service + "; known: " + processes.keySet());
        }
        return process;
    }

    /**
     * Starts a service again with the settings it was first launched with (same port, database, consumer group),
     * after it crashed or was {@linkplain ServiceProcess#kill() killed}; returns once it is ready.
     *
     * @throws IllegalStateException when the service still runs (kill or close it first) or does not get ready
     */
    public Duration restart(String service, Duration readyTimeout) {
        ServiceProcess old = process(service);
        if (old.isAlive()) {
            throw new IllegalStateException(service + " still runs (pid " + old.pid() + "); kill it before restarting");
        }
        ServiceProcess fresh = launchers.get(service).apply(Map.of());
        processes.put(service, fresh);
        return fresh.awaitReady(readyTimeout);
    }

    /**
     * Stops a running service and starts it again with some settings changed (e.g. a benchmark turning a debug log
     * off again once it has what it needed); returns once it is ready.
     */
    public Duration restartWith(String service, Map<String, String> overrides, Duration readyTimeout) {
        process(service).close();
        ServiceProcess fresh = launchers.get(service).apply(overrides);
        processes.put(service, fresh);
        return fresh.awaitReady(readyTimeout);
    }

    public List<ServiceProcess> processes() {
        return new ArrayList<>(processes.values());
    }

    /** Time from launch to a ready health check, per service. */
    public Map<String, Duration> startTimes() {
        return Map.copyOf(startTimes);
    }

    @Override
    public void close() {
        List<ServiceProcess> reverse = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reverse);
        reverse.forEach(ServiceProcess::close);
    }
}
