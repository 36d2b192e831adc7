package dev.verity.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VeritySystemTest {

    private static final Endpoints STACK = new Endpoints("127.0.0.1", 25432, "verity", "s3cret-pg", "127.0.0.1:29092",
            "127.0.0.1:29200", Path.of("/tmp/stack"));

    @Test
    void theDatabasePasswordTravelsInTheEnvironmentNotAsASystemProperty() {
        for (VeritySystem.Service service : VeritySystem.SERVICES) {
            VeritySystem.Launch launch = VeritySystem.launch(service, STACK, Path.of("/tmp/stack/keys/public.pem"), "e2e",
                    service.port());
            assertEquals(Map.of("QUARKUS_DATASOURCE_PASSWORD", "s3cret-pg"), launch.environment());
            assertFalse(launch.systemProperties().containsKey("quarkus.datasource.password"), service.name());
            assertFalse(launch.systemProperties().values().stream().anyMatch(v -> v.contains("s3cret-pg")),
                    () -> service.name() + ": " + launch.systemProperties());
        }
    }

    @Test
    void servicesRunningInTheProdProfileAreGivenTheStacksTokenIssuerKeyAndAdminGroup() {
        Path key = Path.of("/tmp/stack/keys/public.pem");
        for (VeritySystem.Service service : VeritySystem.SERVICES) {
            Map<String, String> props = VeritySystem.launch(service, STACK, key, "", service.port()).systemProperties();
            assertEquals(DevKeys.ISSUER, props.get("mp.jwt.verify.issuer"), service.name());
            assertEquals(key.toString(), props.get("mp.jwt.verify.publickey.location"), service.name());
            assertEquals(DevKeys.ADMIN_GROUP, props.get("verity.auth.admin-groups"), service.name());
            assertEquals("28800", props.get("mp.jwt.verify.token.age"), service.name());
        }
    }

    @Test
    void anotherInstanceUsesItsOwnTopicsWhileTheRunningSystemUsesThePlainOnes() {
        Path key = Path.of("/tmp/stack/keys/public.pem");
        for (VeritySystem.Service service : VeritySystem.SERVICES) {
            assertEquals("bench.", VeritySystem.launch(service, STACK, key, "bench", service.port()).systemProperties()
                    .get("verity.kafka.topic-prefix"), service.name());
            assertFalse(VeritySystem.launch(service, STACK, key, "", service.port()).systemProperties()
                    .containsKey("verity.kafka.topic-prefix"), service.name());
        }
    }

    @Test
    void withoutAPasswordTheEnvironmentIsLeftAlone() {
        Endpoints trust = new Endpoints("127.0.0.1", 25432, "postgres", "", "127.0.0.1:29092", "127.0.0.1:29200",
                Path.of("/tmp/stack"));
        VeritySystem.Launch launch = VeritySystem.launch(VeritySystem.SERVICES.get(0), trust,
                Path.of("/tmp/stack/keys/public.pem"), "", 8081);
        assertEquals(Map.of(), launch.environment());
    }
}
