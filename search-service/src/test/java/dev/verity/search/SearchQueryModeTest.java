package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One image, three roles: {@code verity.search.mode=query}. */
@QuarkusTest
@TestProfile(SearchQueryModeTest.Mode.class)
class SearchQueryModeTest {

    public static class Mode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.search.mode", "query");
        }
    }

    @Test
    void answersSearchesAndConsumesNoTopic() {
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "refund").get("/search").then()
                .statusCode(200);
        // no channel is wired, so readiness has no Kafka consumer to report
        given().get("/q/health/ready").then().statusCode(200)
                .body(not(containsString("card-events")))
                .body(not(containsString("verification-events")))
                .body(not(containsString("collection-events")));
    }
}
