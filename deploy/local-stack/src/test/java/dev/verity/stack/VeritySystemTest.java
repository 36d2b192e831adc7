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
    void withoutAPasswordTheEnvironmentIsLeftAlone() {
        Endpoints trust = new Endpoints("127.0.0.1", 25432, "postgres", "", "127.0.0.1:29092", "127.0.0.1:29200",
                Path.of("/tmp/stack"));
        VeritySystem.Launch launch = VeritySystem.launch(VeritySystem.SERVICES.get(0), trust,
                Path.of("/tmp/stack/keys/public.pem"), "", 8081);
        assertEquals(Map.of(), launch.environment());
    }
}
