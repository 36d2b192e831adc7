package dev.verity.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;

/**
 * What the tests observe: users' inboxes over HTTP, and the inbox table that says an event was applied. Every test
 * uses users of its own (vera-&lt;random&gt;), so notifications from earlier runs and other tests never get in the way.
 */
final class Recipients {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Recipients() {
    }

    /** A user (or group) id no earlier run or other test uses. */
    static String fresh(String name) {
        return name + "-" + UUID.randomUUID();
    }

    static ValidatableResponse inbox(String userId) {
        return given().auth().oauth2(TestTokens.user(userId)).get("/notifications").then().statusCode(200);
    }

    static ValidatableResponse awaitCount(String userId, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> inbox(userId).body("items", hasSize(count)));
        return inbox(userId);
    }

    /** The inbox row commits with the event's effect, so once it is there the event has been fully applied. */
    static void awaitApplied(EntityManager em, String consumer, String eventId) {
        await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .getSingleResult()).longValue() == 1));
    }
}
