package dev.verity.card.cors;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With no origin allowed (the default) there is no CORS at all: no header, and nothing refused for its Origin. */
@QuarkusTest
class CorsOffByDefaultTest {

    @Test
    void noOriginIsAllowedAndNoRequestIsRefusedForItsOrigin() {
        given().header("Origin", CorsTest.APP).header("Access-Control-Request-Method", "GET").options("/cards").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(token("alice")).header("Origin", "https://anywhere.example.org").get("/cards").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
