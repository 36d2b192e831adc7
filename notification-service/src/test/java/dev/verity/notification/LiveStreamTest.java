package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.notification.inbox.InboxService;
import dev.verity.notification.inbox.InboxSignalRepository;
import dev.verity.notification.inbox.Notification;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live inbox: Server-Sent Events that a page opens with EventSource, resumed with Last-Event-ID. */
@QuarkusTest
class LiveStreamTest {

    @TestHTTPResource("/notifications/stream")
    URI stream;

    @Test
    void aNewNotificationArrivesLiveAndAReconnectWithLastEventIdReplaysWhatWasMissedThenGoesOnLive() throws Exception {
        String vera = fresh("vera");
        String token = TestTokens.user(vera);
        List<SseClient.Event> first;
        // EventSource cannot send headers: the token travels as access_token; lastEventId=0 replays from the start
        try (SseClient live = SseClient.open(URI.create(stream + "?lastEventId=0&access_token=" + token), Map.of())) {
            assertEquals(200, live.status());
            CardEventFeed.created(card(UUID.randomUUID(), 1, "Refunds", vera));
            first = live.awaitEvents(1, PATIENCE);
        }
        assertEquals("notification", first.get(0).name());
        assertEquals("1", first.get(0).id());
        assertTrue(first.get(0).data().contains("\"title\":\"You verify “Refunds”\""), first.get(0).data());

        // while nobody listens
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Vouchers", vera));
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Shipping", vera));
        awaitCount(vera, 3);

        try (SseClient resumed = SseClient.open(stream, Map.of("Authorization", "Bearer " + token,
                "Last-Event-ID", first.get(0).id()))) {
            List<SseClient.Event> missed = resumed.awaitEvents(2, PATIENCE);
            assertEquals(List.of("2", "3"), missed.stream().map(SseClient.Event::id).toList());
            assertTrue(missed.get(0).data().contains("Vouchers"), missed.get(0).data());
            assertTrue(missed.get(1).data().contains("Shipping"), missed.get(1).data());

            CardEventFeed.created(card(UUID.randomUUID(), 1, "Returns", vera));
            List<SseClient.Event> all = resumed.awaitEvents(3, PATIENCE);
            assertEquals("4", all.get(2).id());
            assertTrue(all.get(2).data().contains("Returns"), all.get(2).data());
        }
    }

    @Inject
    InboxSignalRepository signals;

    @Inject
    InboxService inbox;

    /**
     * Storing a notification wakes its recipient's streams on every instance through PostgreSQL (NOTIFY on commit):
     * the test profile's stream poll is five minutes, so every live delivery in this class comes by a wake-up.
     */
    @Test
    void storingANotificationWakesItsRecipientsStreamsWhenItCommits() {
        String vera = fresh("vera");
        AtomicInteger woken = new AtomicInteger();
        Runnable wakeUp = woken::incrementAndGet;
        signals.subscribe(vera, wakeUp);
        try {
            Notification notification = Notification.webhookDisabled(vera, "https://example.org/hook", "a test",
                    Instant.now());
            notification.eventId = "stream-test:" + UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> inbox.storeAll(List.of(notification)));
            await().atMost(PATIENCE).until(() -> woken.get() >= 1);
        } finally {
            signals.unsubscribe(vera, wakeUp);
        }
    }

    @Test
    void aStreamWithoutLastEventIdStartsAfterTheNewestNotification() throws Exception {
        String vera = fresh("vera");
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Old news", vera));
        awaitCount(vera, 1);
        try (SseClient live = SseClient.open(stream, Map.of("Authorization", "Bearer " + TestTokens.user(vera)))) {
            CardEventFeed.created(card(UUID.randomUUID(), 1, "Fresh news", vera));
            List<SseClient.Event> events = live.awaitEvents(1, PATIENCE);
            assertEquals("2", events.get(0).id());
            assertTrue(events.get(0).data().contains("Fresh news"), events.get(0).data());
        }
    }

    @Test
    void theStreamNeedsATokenAndAnIdItHandedOut() {
        given().get("/notifications/stream").then().statusCode(401);
        given().queryParam("access_token", "not.a.jwt").get("/notifications/stream").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("alice")).header("Last-Event-ID", "yesterday")
                .get("/notifications/stream").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Last-Event-ID"));
        // everywhere else a token in the URL counts for nothing
        given().queryParam("access_token", TestTokens.user("alice")).get("/notifications").then().statusCode(401);
    }

    @Test
    void theInboxComesAPageAtATimeWithTheUnreadCount() {
        String vera = fresh("vera");
        for (int version = 1; version <= 3; version++) {
            CardEventFeed.created(card(UUID.randomUUID(), 1, "Card " + version, vera));
        }
        awaitCount(vera, 3);
        String token = TestTokens.user(vera);
        String next = given().auth().oauth2(token).queryParam("limit", 2).get("/notifications").then()
                .statusCode(200).body("items", hasSize(2)).body("unreadCount", equalTo(3))
                .body("items[0].seq", notNullValue())
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", next).get("/notifications").then()
                .statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("cursor", "nope").get("/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }
}
