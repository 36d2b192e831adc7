package dev.verity.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is checked in (docs/openapi/notification-service.yaml) and keeps what generated clients rely on. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCheckedInOne() {
        OpenApiContract.matchesCheckedInDocument("notification-service");
    }

    @Test
    void everyOperationIsNamedAndTaggedAndEveryErrorIsProblemJson() {
        assertEquals(List.of(), OpenApiContract.brokenPromises());
    }
}
