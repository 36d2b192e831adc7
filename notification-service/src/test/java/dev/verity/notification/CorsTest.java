package dev.verity.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CORS configuration every service shares reaches notification-service too: a browser app on an allowed origin
 * may resume the live stream (Last-Event-ID) and read the inbox; another origin gets no CORS header.
 */
@QuarkusTest
@TestProfile(CorsTest.AllowedOrigin.class)
class CorsTest {

    static final String APP = "https://kb.example.com";

    public static class AllowedOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.cors.origins", APP);
        }
    }

    @Test
    void theLiveStreamMayBeResumedFromTheAllowedOrigin() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,last-event-id")
                .options("/notifications/stream").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Headers", containsString("Last-Event-ID"));
        given().auth().oauth2(TestTokens.user("cora")).header("Origin", APP).get("/notifications").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP));
    }

    @Test
    void anotherOriginGetsNoCorsHeaderAndPlainOptionsStillAnswersAllow() {
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "GET")
                .options("/notifications").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(TestTokens.user("cora")).options("/notifications").then()
                .header("Allow", containsString("GET"))
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
