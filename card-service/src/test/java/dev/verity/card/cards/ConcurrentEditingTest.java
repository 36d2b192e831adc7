package dev.verity.card.cards;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 20 editors each read the card and keep trying to append their own line until it sticks. With If-Match every
 * accepted edit is based on the version before it, so the final body holds all 20 lines and the version is 21.
 */
@QuarkusTest
class ConcurrentEditingTest {

    private static final int EDITORS = 20;

    @Test
    void twentyConcurrentEditorsLoseNoAcceptedEdit() throws Exception {
        String token = TestTokens.user("alice");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("collectionId", Fixtures.collection("alice"), "title", "Shared card", "body", "start"))
                .post("/cards").then().statusCode(201).extract().path("id");

        ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> conflicts = new ConcurrentLinkedQueue<>();
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < EDITORS; i++) {
            String line = "edit by editor " + i;
            attempts.add(pool.submit(() -> {
                go.await();
                for (int attempt = 1; attempt <= 200; attempt++) {
                    Response read = given().auth().oauth2(token).get("/cards/" + id);
                    String body = read.path("body");
                    Response write = given().auth().oauth2(token).header("If-Match", read.header("ETag"))
                            .contentType(ContentType.JSON)
                            .body(Map.of("title", "Shared card", "body", body + "\n" + line))
                            .put("/cards/" + id);
                    if (write.statusCode() == 200) {
                        return attempt;
                    }
                    assertEquals(412, write.statusCode(), () -> "unexpected answer: " + write.asString());
                    conflicts.add(1);
                }
                throw new AssertionError(line + " never got through");
            }));
        }
        go.countDown();
        for (Future<Integer> attempt : attempts) {
            attempt.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Response last = given().auth().oauth2(token).get("/cards/" + id);
        assertEquals(EDITORS + 1, (int) last.path("version"));
        String body = last.path("body");
        for (int i = 0; i < EDITORS; i++) {
            assertTrue(body.contains("edit by editor " + i + "\n") || body.endsWith("edit by editor " + i),
                    "lost edit " + i + " in:\n" + body);
        }
        assertTrue(!conflicts.isEmpty(), "20 editors racing on one card must have produced at least one 412");
    }
}
