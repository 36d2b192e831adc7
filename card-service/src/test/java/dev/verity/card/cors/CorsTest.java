package dev.verity.card.cors;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.verity.card.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A frontend served from an allowed origin may call the API from a browser (the configuration every service shares,
 * platform's microprofile-config.properties): its preflight is answered with what it may send, its requests with
 * the headers it may read; any other origin gets no CORS header. Plain OPTIONS and 405 answer as without CORS.
 */
@QuarkusTest
@TestProfile(CorsTest.AllowedOrigin.class)
class CorsTest {

    static final String APP = "https://kb.example.com";
    static final String FOREIGN = "https://evil.example.net";

    public static class AllowedOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.cors.origins", APP + ",http://localhost:5173");
        }
    }

    @Test
    void aPreflightFromTheAllowedOriginSaysWhatItMaySend() {
        String card = Fixtures.cardId(token("alice"), Fixtures.collection("alice"), "Preflight");
        given().header("Origin", APP).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/cards/" + card).then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", equalTo("600"));
    }

    @Test
    void aRequestFromTheAllowedOriginMayReadETagAndLocation() {
        String collection = Fixtures.collection("alice");
        String location = Fixtures.createCard(token("alice"), collection, "Cross-origin").then().statusCode(201)
                .extract().header("Location");
        given().auth().oauth2(token("alice")).header("Origin", APP).get(location).then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("ETag", equalTo("\"1\""));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        // without Access-Control-Allow-Origin naming it, a browser lets the page neither send nor read
        given().header("Origin", FOREIGN).header("Access-Control-Request-Method", "GET").options("/cards").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(token("alice")).header("Origin", FOREIGN).get("/cards").then()
                .statusCode(not(200))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void optionsWithoutOriginAndA405StillAnswerWithAllow() {
        given().auth().oauth2(token("alice")).options("/cards").then()
                .statusCode(anyOf(equalTo(200), equalTo(204)))
                .header("Allow", containsString("POST"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(token("alice")).header("Origin", APP).delete("/cards").then()
                .statusCode(405).contentType("application/problem+json")
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"))
                .header("Access-Control-Allow-Origin", equalTo(APP));
    }
}
