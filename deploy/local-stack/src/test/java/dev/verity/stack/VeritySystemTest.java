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

    @Test
    void theWebServerReachesEachServiceAndSignsInWithTheStacksKeyOutsideTheProdProfile() {
        Map<String, String> urls = Map.of("card-service", "http://127.0.0.1:18081",
                "verification-service", "http://127.0.0.1:18082", "search-service", "http://127.0.0.1:18083",
                "notification-service", "http://127.0.0.1:18084");
        Map<String, String> props = VeritySystem.webLaunch(urls, Path.of("/tmp/stack/keys/private.pem"), 18080);
        assertEquals("18080", props.get("quarkus.http.port"));
        assertEquals("local", props.get("quarkus.profile"), "the prod profile never mints tokens");
        assertEquals("http://127.0.0.1:18081", props.get("verity.web.upstream.cards"));
        assertEquals("http://127.0.0.1:18082", props.get("verity.web.upstream.verification"));
        assertEquals("http://127.0.0.1:18083", props.get("verity.web.upstream.search"));
        assertEquals("http://127.0.0.1:18084", props.get("verity.web.upstream.notifications"));
        assertEquals("/tmp/stack/keys/private.pem", props.get("verity.web.dev-sign-in.private-key-location"));
        assertEquals(DevKeys.ISSUER, props.get("verity.web.dev-sign-in.issuer"));
        assertEquals(DevKeys.ADMIN_GROUP, props.get("verity.web.dev-sign-in.admin-group"));
    }
}
