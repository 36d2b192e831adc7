package dev.verity.stack;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Single-node Kafka in KRaft combined mode (broker + controller in one JVM). The broker jars come from
 * the local Maven repository via the {@code kafka.classpath} resource written at build time, so no
 * Kafka distribution has to be downloaded and the version follows {@code kafka.version}.
 */
final class KafkaServer implements ManagedServer {

    private static final String HOST = "127.0.0.1";
    private static final short API_VERSIONS_KEY = 18;

    private final StackConfig config;
    private final Path dir;
    private final Path dataDir;
    private final Path log;

    KafkaServer(StackConfig config) {
        this.config = config;
        this.dir = config.home().resolve("kafka");
        this.dataDir = dir.resolve("data");
        this.log = config.home().resolve("logs/kafka.log");
    }

    @Override public String name() { return "kafka"; }
    @Override public String endpoint() { return HOST + ":" + config.kafkaPort(); }
    @Override public Duration readyTimeout() { return Duration.ofSeconds(90); }
    @Override public Path logFile() { return log; }
    @Override public String portSetting() { return "VERITY_KAFKA_PORT (-Dverity.kafka.port)"; }
    @Override public int[] auxiliaryPorts() { return new int[] {config.kafkaControllerPort()}; }

    /**
     * Sends a raw ApiVersions v0 request. The broker only opens its client listener once it has
     * joined the quorum and registered, so a reply means clients can work; every Kafka version
     * answers ApiVersions (with an error code if it dislikes v0), so any well-formed reply proves
     * it is Kafka. This avoids putting kafka-clients on the compile classpath.
     */
    @Override
    public Probe probe() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, config.kafkaPort()), 1_000);
            socket.setSoTimeout(3_000);
            int correlationId = 0x7e57;
            byte[] clientId = "verity-stack".getBytes(StandardCharsets.US_ASCII);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int echoed = in.readInt();
            if (size < 6 || size > 1_000_000 || echoed != correlationId) {
                return notKafka("unexpected reply to a Kafka ApiVersions request");
            }
            return Probe.ready();
        } catch (SocketTimeoutException e) {
            // Kafka only opens its client listener once it can serve requests, so silence means someone else.
            return notKafka("connection accepted but no reply to a Kafka ApiVersions request within 3 s");
        } catch (EOFException e) {
            return notKafka("connection closed without a reply to a Kafka ApiVersions request");
        } catch (IOException e) {
            return Probe.absent();
        }
    }

    private Probe notKafka(String what) {
        return Probe.foreign("port " + config.kafkaPort() + " is in use by something that is not Kafka (" + what
                + "). Stop it or set VERITY_KAFKA_PORT (-Dverity.kafka.port) to a free port; the controller uses port+1.");
    }

    @Override
    public Process launch() throws IOException {
        String classpath = brokerClasspath();
        Files.createDirectories(dir);
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(properties, serverProperties(), StandardCharsets.UTF_8);
        Files.writeString(log4j, LOG4J_CONFIG, StandardCharsets.UTF_8);

        if (!Files.isRegularFile(dataDir.resolve("meta.properties"))) {
            format(classpath, properties, log4j);
        }
        List<String> cmd = List.of(
                ProcessSupport.javaExecutable().toString(),
                "-Xms256m", "-Xmx512m",
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath,
                "kafka.Kafka", properties.toString());
        return ProcessSupport.launchDetached(cmd, dir, Map.of(), log);
    }

    /** KRaft refuses to start on unformatted storage; formatting stamps the cluster id once. */
    private void format(String classpath, Path properties, Path log4j) throws IOException {
        FileSupport.deleteRecursively(dataDir);
        String clusterId = randomClusterId();
        System.out.println("[stack] kafka: formatting storage in " + dataDir + " (cluster id " + clusterId + ")");
        ProcessSupport.run(List.of(
                        ProcessSupport.javaExecutable().toString(),
                        "-Xmx256m",
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-cp", classpath,
                        "kafka.tools.StorageTool", "format",
                        "--cluster-id", clusterId,
                        "--config", properties.toString()),
                dir, Map.of(), Duration.ofSeconds(120));
    }

    private String serverProperties() {
        int port = config.kafkaPort();
        int controller = config.kafkaControllerPort();
        // A static voter set (controller.quorum.voters) keeps formatting simple: no --standalone
        // and no dynamic-quorum bootstrap records.
        return """
                # Written by dev.verity.stack.KafkaServer on every start; edits are overwritten.
                node.id=1
                process.roles=broker,controller
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%4$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                # Two cores on the reference machine; the defaults (3 network / 8 io threads) only add contention.
                num.network.threads=2
                num.io.threads=4
                """.formatted(HOST, port, controller, dataDir);
    }

    private static final String LOG4J_CONFIG = """
            # Console only: stdout is redirected to <home>/logs/kafka.log by the launcher.
            status = warn
            # Kafka shuts down from its own SIGTERM handler; log4j's hook would stop logging half way through.
            shutdownHook = disable
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.request.name = kafka.request.logger
            logger.request.level = WARN
            """;

    /** Same shape as Kafka's Uuid.randomUuid(): 16 random bytes, URL-safe base64 without padding. */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // a leading dash would be parsed as a CLI option
        return id;
    }

    static String brokerClasspath() throws IOException {
        String classpath = readResource("kafka.classpath");
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(entry))) {
                throw new IOException("Kafka broker jar " + entry + " is missing from the local Maven repository; "
                        + "rebuild the stack module: mvn -f deploy/local-stack/pom.xml install");
            }
        }
        return classpath;
    }

    static String readResource(String name) throws IOException {
        try (InputStream in = KafkaServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource dev/verity/stack/" + name + " is missing; it is generated by the "
                        + "maven-dependency-plugin when deploy/local-stack is built (mvn -f deploy/local-stack/pom.xml install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
