package dev.verity.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsWithoutProjectRoot() {
        StackConfig c = StackConfig.from(new Properties(), Map.of(), tmp, tmp.resolve("user"));
        assertEquals(tmp.resolve("user/.cache/verity-stack"), c.home());
        assertEquals("127.0.0.1", c.pgHost());
        assertEquals(5432, c.pgPort());
        assertEquals("postgres", c.pgUser());
        assertEquals("", c.pgPassword());
        assertEquals(9092, c.kafkaPort());
        assertEquals(9093, c.kafkaControllerPort());
        assertEquals(9200, c.esPort());
        assertEquals(9300, c.esTransportPort());
    }

    @Test
    void defaultHomeIsTheNearestProjectRoot() throws IOException {
        Path root = tmp.resolve("project");
        Files.createDirectories(root.resolve("deploy/local-stack"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path nested = Files.createDirectories(root.resolve("card-service/src"));
        Files.writeString(root.resolve("card-service/pom.xml"), "<project/>"); // a module pom alone doesn't count

        StackConfig c = StackConfig.from(new Properties(), Map.of(), nested, tmp.resolve("user"));
        assertEquals(root.resolve(".verity-stack"), c.home());
    }

    @Test
    void environmentOverridesDefaults() {
        Map<String, String> env = Map.of(
                "VERITY_STACK_HOME", tmp.resolve("env-home").toString(),
                "VERITY_PG_HOST", "db.local",
                "VERITY_PG_PORT", "6543",
                "VERITY_PG_USER", "alice",
                "VERITY_PG_PASSWORD", "secret",
                "VERITY_KAFKA_PORT", "19092",
                "VERITY_ES_PORT", "19200");
        StackConfig c = StackConfig.from(new Properties(), env, tmp, tmp);
        assertEquals(tmp.resolve("env-home"), c.home());
        assertEquals("db.local", c.pgHost());
        assertEquals(6543, c.pgPort());
        assertEquals("alice", c.pgUser());
        assertEquals("secret", c.pgPassword());
        assertEquals(19092, c.kafkaPort());
        assertEquals(19093, c.kafkaControllerPort());
        assertEquals(19200, c.esPort());
        assertEquals(19300, c.esTransportPort());
    }

    @Test
    void systemPropertiesOverrideEnvironment() {
        Properties props = new Properties();
        props.setProperty("verity.stack.home", tmp.resolve("prop-home").toString());
        props.setProperty("verity.pg.port", "7000");
        props.setProperty("verity.pg.password", "");
        props.setProperty("verity.kafka.port", "29092");
        props.setProperty("verity.es.port", "29200");
        Map<String, String> env = Map.of(
                "VERITY_STACK_HOME", "/nowhere",
                "VERITY_PG_PORT", "6543",
                "VERITY_PG_PASSWORD", "from-env",
                "VERITY_KAFKA_PORT", "19092");
        StackConfig c = StackConfig.from(props, env, tmp, tmp);
        assertEquals(tmp.resolve("prop-home"), c.home());
        assertEquals(7000, c.pgPort());
        assertEquals("", c.pgPassword(), "an explicitly empty password property wins over the environment");
        assertEquals(29092, c.kafkaPort());
        assertEquals(29200, c.esPort());
    }

    @Test
    void rejectsInvalidPorts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.from(new Properties(), Map.of("VERITY_KAFKA_PORT", "kafka"), tmp, tmp));
        assertEquals("verity.kafka.port / VERITY_KAFKA_PORT must be a TCP port, got 'kafka'", e.getMessage());
    }

    @Test
    void aPortShiftMovesEveryPortOfTheStackAlike() {
        Properties props = new Properties();
        props.setProperty("verity.stack.port-shift", "3");
        StackConfig c = StackConfig.from(props, Map.of("VERITY_PG_PORT", "5442"), tmp, tmp);
        assertEquals(5445, c.pgPort());
        assertEquals(9095, c.kafkaPort());
        assertEquals(9096, c.kafkaControllerPort());
        assertEquals(9203, c.esPort());
        assertEquals(9303, c.esTransportPort());
    }

    @Test
    void rejectsAPortShiftOutsideZeroToNine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.from(new Properties(), Map.of("VERITY_STACK_PORT_SHIFT", "10"), tmp, tmp));
        assertEquals("verity.stack.port-shift / VERITY_STACK_PORT_SHIFT must be a number from 0 to 9, got '10'",
                e.getMessage());
    }

    @Test
    void aPortShiftCanMoveOnlyTheNamedServers() {
        Properties props = new Properties();
        props.setProperty("verity.stack.port-shift", "5");
        props.setProperty("verity.stack.shifted-servers", "elasticsearch");
        StackConfig c = StackConfig.from(props, Map.of(), tmp, tmp);
        assertEquals(5432, c.pgPort());
        assertEquals(9092, c.kafkaPort());
        assertEquals(9205, c.esPort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackConfig.from(new Properties(),
                Map.of("VERITY_STACK_PORT_SHIFT", "5", "VERITY_STACK_SHIFTED_SERVERS", "es"), tmp, tmp));
        assertEquals("verity.stack.shifted-servers / VERITY_STACK_SHIFTED_SERVERS names servers out of "
                + "[postgres, kafka, elasticsearch], got 'es'", e.getMessage());
    }

    @Test
    void aSideStackLivesUnderTheConfiguredHomeWhateverSetsThatHome() {
        Properties props = new Properties();
        props.setProperty("verity.stack.home", tmp.resolve("shared").toString());
        props.setProperty("verity.stack.side", "card-service");
        StackConfig c = StackConfig.from(props, Map.of(), tmp, tmp);
        assertEquals(tmp.resolve("shared/side/card-service"), c.home());
        assertThrows(IllegalArgumentException.class, () -> StackConfig.from(new Properties(),
                Map.of("VERITY_STACK_SIDE", "../elsewhere"), tmp, tmp));
    }
}
