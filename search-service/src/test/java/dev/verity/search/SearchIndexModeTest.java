package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One image, three roles: {@code verity.search.mode=index}. */
@QuarkusTest
@TestProfile(SearchIndexModeTest.Mode.class)
class SearchIndexModeTest {

    public static class Mode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.search.mode", "index");
        }
    }

    @Test
    void refusesSearchesSayingWhereToGoAndStillConsumes() {
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "refund").get("/search").then()
                .statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("verity.search.mode=index"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("card-events"));
    }
}
