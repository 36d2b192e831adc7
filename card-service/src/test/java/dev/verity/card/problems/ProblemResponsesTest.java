package dev.verity.card.problems;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every error a client can provoke answers RFC 9457 problem+json with a detail naming what was wrong: JSON of the
 * wrong shape, text that is not text, and the HTTP-level refusals (unknown path, method, media types, sizes).
 */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URI base;

    private String cardJson(String collection, String fields) {
        return "{\"collectionId\": \"" + collection + "\", \"body\": \"Body\"" + fields + "}";
    }

    private io.restassured.response.ValidatableResponse post(String json) {
        return given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(json).post("/cards").then();
    }

    // --- JSON of the wrong shape ----------------------------------------------------------------------------

    @Test
    void aStringWhereAnArrayIsExpectedIsA400NamingTheField() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": \"T\", \"tags\": \"notarray\"")).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("tags")).body("errors.field", hasItem("tags"));
    }

    @Test
    void aNumberWhereAStringIsExpectedIsRefusedNotCoerced() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": 42")).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("title")).body("errors.field", hasItem("title"));
        post(cardJson(collection, ", \"title\": true")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title"));
    }

    @Test
    void aStringWhereANumberIsExpectedIsRefusedNotCoerced() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": \"T\", \"verificationIntervalDays\": \"30\"")).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("verificationIntervalDays"));
    }

    @Test
    void anObjectWhereAScalarIsExpectedIsA400NamingTheNestedField() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": {\"text\": \"T\"}")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title"));
        post(cardJson(collection, ", \"title\": \"T\", \"tags\": [\"ok\", {\"no\": 1}]")).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("tags[1]"));
    }

    @Test
    void aMalformedUuidOrDateIsA400NamingTheField() {
        post("{\"collectionId\": \"not-a-uuid\", \"title\": \"T\", \"body\": \"B\"}").statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("collectionId"));
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": \"T\", \"verifyOn\": \"soon\"")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("verifyOn"));
    }

    @Test
    void bodyThatIsNotJsonAtAllIsA400() {
        post("{\"title\": ").statusCode(400).contentType(PROBLEM).body("detail", containsString("not valid JSON"));
    }

    // --- text that is not text ------------------------------------------------------------------------------

    @Test
    void aLoneSurrogateEscapedInJsonIsRefusedNamingTheField() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": \"Broken \\ud800 text\"")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title")).body("detail", containsString("surrogate"));
    }

    @Test
    void controlCharactersAreRefusedButLineBreaksAndTabsInABodyAreKept() {
        String collection = Fixtures.collection("alice");
        post(cardJson(collection, ", \"title\": \"Bell \\u0007\"")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title")).body("detail", containsString("U+0007"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"collectionId\": \"" + collection + "\", \"title\": \"" + Fixtures.unique("Lines")
                        + "\", \"body\": \"one\\n\\ttwo\\r\\nthree\"}")
                .post("/cards").then().statusCode(201).body("body", equalTo("one\n\ttwo\r\nthree"));
    }

    @Test
    void aControlCharacterInAnyServiceRequestIsRefusedEvenWhereNoFieldRuleSaysSo() {
        given().auth().oauth2(Fixtures.ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"Escape \\u001b[31m\", \"email\": \"esc@example.com\"}")
                .put("/directory/users/" + Fixtures.unique("esc")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name"));
    }

    // --- HTTP-level refusals --------------------------------------------------------------------------------

    @Test
    void anUnknownPathIsA404Problem() {
        given().auth().oauth2(token("alice")).get("/no-such-thing").then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404)).body("detail", containsString("/no-such-thing"));
        given().get("/no-such-thing/at/all").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsA405Problem() {
        given().auth().oauth2(token("alice")).delete("/cards").then().statusCode(405).contentType(PROBLEM)
                .body("detail", containsString("/cards")).header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
    }

    @Test
    void aContentTypeOrAcceptThatIsNoMediaTypeIsAProblemNotA500() {
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("garbage", ContentType.TEXT)))
                .auth().oauth2(token("alice")).contentType("garbage").body("{}").post("/cards").then()
                .statusCode(415).contentType(PROBLEM).body("detail", containsString("garbage"));
        given().auth().oauth2(token("alice")).accept("garbage").get("/cards").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("Accept"));
    }

    @Test
    void aControlCharacterInAQueryOrPathParameterIsA400NamingIt() {
        given().auth().oauth2(token("alice")).urlEncodingEnabled(false).get("/cards?tag=a%00b").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("tag"));
        given().auth().oauth2(token("alice")).urlEncodingEnabled(false).get("/cards/by-slug/a%07b").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("slug"));
    }

    @Test
    void anAcceptTheResourceCannotProduceIsA406Problem() {
        given().auth().oauth2(token("alice")).accept("text/csv").get("/cards").then().statusCode(406)
                .contentType(PROBLEM).body("status", equalTo(406));
    }

    @Test
    void aContentTypeTheResourceCannotReadIsA415Problem() {
        given().auth().oauth2(token("alice")).contentType("text/plain").body("hello").post("/cards").then()
                .statusCode(415).contentType(PROBLEM).body("detail", containsString("text/plain"));
    }

    @Test
    void anOverlongUriIsA414Problem() throws Exception {
        HttpResponse<String> response = raw("/cards?q=" + "x".repeat(10_000), "X-Small", "1");
        assertEquals(414, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"status\":414"), response.body());
    }

    @Test
    void oversizedHeadersAreA431Problem() throws Exception {
        HttpResponse<String> response = raw("/cards", "X-Large", "y".repeat(30_000));
        assertEquals(431, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"status\":431"), response.body());
    }

    private HttpResponse<String> raw(String path, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + token("alice")).header(header, value).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
