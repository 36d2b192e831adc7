package dev.verity.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is checked in (docs/openapi/search-service.yaml) and keeps what generated clients rely on. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCheckedInOne() {
        OpenApiContract.matchesCheckedInDocument("search-service");
    }

    @Test
    void everyOperationIsNamedAndTaggedAndEveryErrorIsProblemJson() {
        assertEquals(List.of(), OpenApiContract.brokenPromises());
    }
}
