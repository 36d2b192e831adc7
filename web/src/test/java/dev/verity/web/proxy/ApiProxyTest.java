package dev.verity.web.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
    void aBrowserThatLeavesBeforeTheAnswerLeavesNoErrorBehind() throws Exception {
        browserLeaves("/api/search/slow", "/slow", false);
    }

    @Test
    void aBrowserThatLeavesInTheMiddleOfTheAnswerLeavesNoErrorBehind() throws Exception {
        browserLeaves("/api/search/slow-body", "/slow-body", true);
    }

    /**
     * A typing person's app aborts the previous suggestion request at every keystroke: the browser closes the
     * connection while the service is still answering. The proxy lets the service's request go and says so once
     * (debug); nothing is logged as an error and the next request is served as ever.
     */
    private void browserLeaves(String path, String upstreamPath, boolean afterTheHead) throws Exception {
        StubServices.releaseSlow = new CountDownLatch(1);
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> left = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown());
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(message);
                } else if (message.contains("the browser left")) {
                    left.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            try (Socket browser = new Socket("127.0.0.1", port)) {
                browser.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                browser.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> StubServices.SEEN.stream()
                        .anyMatch(seen -> seen.uri().equals(upstreamPath)));
                if (afterTheHead) {
                    BufferedReader answer = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                            StandardCharsets.US_ASCII));
                    assertEquals("HTTP/1.1 200 OK", answer.readLine());
                }
            }
            // the tab is closed (the socket above) while the service is still answering; then it finishes
            await().atMost(Duration.ofSeconds(10)).until(() -> !left.isEmpty() || !errors.isEmpty());
            StubServices.releaseSlow.countDown();
            given().when().get("/api/cards/cards/c1").then().statusCode(200);
        } finally {
            StubServices.releaseSlow.countDown();
            root.removeHandler(handler);
        }
        assertEquals(List.of(), errors);
        assertEquals(1, left.size(), left.toString());
    }

    @Test
    void appPathsGetTheAppAndOtherPathsDoNot() {
        given().when().get("/cards/123").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().when().get("/queue").then().statusCode(200).contentType(containsString("text/html"));
        given().when().get("/no-such-thing.js").then().statusCode(404);
    }
}
