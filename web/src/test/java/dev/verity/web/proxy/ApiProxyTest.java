package dev.verity.web.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = true)
class ApiProxyTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void forget() {
        StubServices.SEEN.clear();
    }

    @Test
    void apiPathReachesItsServiceWithoutThePrefixAndWithTheHeadersTheAppSends() {
        given().header("Authorization", "Bearer t0k3n").header("If-Match", "\"1\"")
                .when().get("/api/cards/cards/c1?fields=all")
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        StubServices.Seen seen = StubServices.SEEN.get(0);
        assertEquals("GET", seen.method());
        assertEquals("/cards/c1?fields=all", seen.uri());
        assertEquals("Bearer t0k3n", seen.headers().get("Authorization").get(0));
        assertEquals("\"1\"", seen.headers().get("If-match").get(0));
        // the services refuse chunked bodies: a GET must not grow one on the way
        assertFalse(seen.headers().containsKey("Transfer-encoding"), seen.headers().toString());
    }

    @Test
    void bodyGoesThroughWithItsLengthAndTheAnswerKeepsLocation() {
        given().contentType("application/json").body("{\"title\":\"Refunds\"}")
                .when().post("/api/search/search/similar")
                .then().statusCode(201).header("Location", "/cards/c1");
        StubServices.Seen seen = StubServices.SEEN.get(0);
        assertEquals("/search/similar", seen.uri());
        assertEquals("{\"title\":\"Refunds\"}", seen.body());
        assertEquals("19", seen.headers().get("Content-length").get(0));
    }

    @Test
    void aServiceThatIsDownAnswersBadGatewayAsAProblem() {
        given().when().get("/api/verification/verifications/queue")
                .then().statusCode(502).contentType("application/problem+json")
                .body("status", equalTo(502)).body("detail", containsString("verification-service"));
    }

    @Test
    void unknownApiIsAProblemNotTheApp() {
        given().when().get("/api/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void serverSentEventsArriveOneByOneNotWhenTheStreamEnds() throws Exception {
        StubServices.releaseSecondEvent = new CountDownLatch(1);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/notifications/notifications/stream?access_token=x")).timeout(Duration.ofSeconds(20)).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // the first event is readable while the service still holds the second one back
            assertEquals("id: 1", lines.readLine());
            assertEquals("event: notification", lines.readLine());
            assertTrue(lines.readLine().contains("\"seq\":1"));
            StubServices.releaseSecondEvent.countDown();
            lines.readLine();
            assertEquals("id: 2", lines.readLine());
        }
        assertEquals("/notifications/stream?access_token=x", StubServices.SEEN.get(0).uri());
    }

    @Test
    void appPathsGetTheAppAndOtherPathsDoNot() {
        given().when().get("/cards/123").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().when().get("/queue").then().statusCode(200).contentType(containsString("text/html"));
        given().when().get("/no-such-thing.js").then().statusCode(404);
    }
}
