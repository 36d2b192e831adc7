package dev.verity.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch from the integ-test-zip in the local Maven repository (resource
 * {@code elasticsearch.zip.path}). That build has no bundled JDK and lacks some modules
 * (there is no {@code GET /}), so it runs on the JDK running us and is probed via cluster health.
 */
final class ElasticsearchServer implements ManagedServer {

    private static final String HOST = "127.0.0.1";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final StackConfig config;
    private final ServiceUser user;
    private final Path dir;
    private final Path dist;
    private final Path conf;
    private final Path data;
    private final Path tmp;
    private final Path esLogs;
    private final Path log;

    ElasticsearchServer(StackConfig config, ServiceUser user) {
        this.config = config;
        this.user = user;
        this.dir = config.home().resolve("elasticsearch");
        this.dist = dir.resolve("dist");
        this.conf = dir.resolve("config");
        this.data = dir.resolve("data");
        this.tmp = dir.resolve("tmp");
        this.esLogs = config.home().resolve("logs/elasticsearch");
        this.log = config.home().resolve("logs/elasticsearch.log");
    }

    @Override public String name() { return "elasticsearch"; }
    @Override public String endpoint() { return HOST + ":" + config.esPort(); }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(180); }
    @Override public Path logFile() { return log; }
    @Override public String portSetting() { return "VERITY_ES_PORT (-Dverity.es.port)"; }
    @Override public int[] auxiliaryPorts() { return new int[] {config.esTransportPort()}; }

    @Override
    public Probe probe() {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + endpoint() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            int status = response.statusCode();
            if (status == 200 && body.contains("\"cluster_name\"")) {
                return Probe.ready();
            }
            if ((status == 408 && body.contains("\"cluster_name\"")) || (status == 503 && body.contains("\"error\""))) {
                // 408: still red after the 1 s wait; 503: no elected master / state not recovered yet.
                return Probe.starting("cluster health HTTP " + status);
            }
            if (status == 401 || status == 403) {
                return notUsable("an Elasticsearch with security enabled (HTTP " + status + ")");
            }
            return notUsable("something answering HTTP " + status + " that is not an Elasticsearch cluster health endpoint");
        } catch (ConnectException e) {
            return Probe.absent();
        } catch (HttpTimeoutException e) {
            return Probe.starting("no HTTP reply within 5 s");
        } catch (IOException e) {
            return ProcessSupport.portAcceptsConnections(HOST, config.esPort())
                    ? notUsable("something that does not speak HTTP (" + e + ")")
                    : Probe.absent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Probe notUsable(String what) {
        return Probe.foreign("port " + config.esPort() + " is in use by " + what + ". Stop it or set VERITY_ES_PORT "
                + "(-Dverity.es.port) to a free port; the transport port is that +100.");
    }

    @Override
    public Process launch() throws IOException {
        user.ensureExists();
        user.requireReachable(config.home());
        install();
        Files.createDirectories(conf.resolve("jvm.options.d"));
        FileSupport.copyMissing(dist.resolve("config"), conf);
        Files.writeString(conf.resolve("elasticsearch.yml"), elasticsearchYml(), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("jvm.options.d/verity.options"), jvmOptions(), StandardCharsets.UTF_8);
        for (Path p : List.of(data, tmp, esLogs)) {
            Files.createDirectories(p);
        }
        user.own(dir, esLogs);

        Map<String, String> env = new HashMap<>();
        env.put("ES_JAVA_HOME", ProcessSupport.currentJavaHome().toString());
        env.put("ES_PATH_CONF", conf.toString());
        env.put("ES_TMPDIR", tmp.toString());
        // An inherited ES_JAVA_OPTS (e.g. a big heap) would override the options file.
        env.put("ES_JAVA_OPTS", null);
        return ProcessSupport.launchDetached(user.wrap(List.of(dist.resolve("bin/elasticsearch").toString())),
                dir, env, log);
    }

    /**
     * Unpacks into a staging directory and renames it, so an interrupted extraction never looks
     * installed; the marker names the zip so a version bump re-installs.
     */
    private void install() throws IOException {
        Path zip = Path.of(KafkaServer.readResource("elasticsearch.zip.path"));
        if (!Files.isRegularFile(zip)) {
            throw new IOException("Elasticsearch distribution " + zip + " is missing from the local Maven repository; "
                    + "rebuild the stack module: mvn -f deploy/local-stack/pom.xml install");
        }
        Path marker = dist.resolve(".verity-installed");
        String expected = zip.getFileName().toString();
        if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(expected)) {
            return;
        }
        System.out.println("[stack] elasticsearch: unpacking " + zip.getFileName() + " into " + dist);
        Path staging = dir.resolve("dist.tmp");
        FileSupport.deleteRecursively(staging);
        FileSupport.unzip(zip, staging, 1);
        Files.writeString(staging.resolve(".verity-installed"), expected + "\n");
        FileSupport.deleteRecursively(dist);
        Files.move(staging, dist, StandardCopyOption.ATOMIC_MOVE);
    }

    private String elasticsearchYml() {
        return """
                # Written by dev.verity.stack.ElasticsearchServer on every start; edits are overwritten.
                cluster.name: verity-local
                node.name: local
                discovery.type: single-node
                network.host: %s
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                # Dev disks are often nearly full; the watermarks would make indices read-only.
                cluster.routing.allocation.disk.threshold_enabled: false
                # Lets tests drop indices by wildcard.
                action.destructive_requires_name: false
                # The zip ships x-pack-security; left on, ES would demand TLS and passwords.
                xpack.security.enabled: false
                """.formatted(HOST, config.esPort(), config.esTransportPort(), yamlString(data), yamlString(esLogs));
    }

    private String jvmOptions() {
        // Without an explicit heap ES sizes itself from total RAM (half of it, capped at 31 GB).
        // GC logging to files is turned off: it would add up to 32 x 64 MB of logs.
        return String.join("\n",
                "-Xms512m",
                "-Xmx512m",
                "-Xlog:disable",
                "-Xlog:all=warning:stderr:utctime,level,tags",
                "-XX:HeapDumpPath=" + esLogs,
                "-XX:ErrorFile=" + esLogs.resolve("hs_err_pid%p.log"),
                "");
    }

    private static String yamlString(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
