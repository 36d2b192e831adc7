package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.testing.TestKafka.ensureTopic;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CardEventTypes;
import dev.verity.events.Topics;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Card events published to the real broker become notifications in the real database. Every test uses users of
 * its own (vera-&lt;random&gt;), so notifications from earlier runs and other tests never get in the way.
 */
@QuarkusTest
class NotificationsTest {

    @Inject
    EntityManager em;

    private static final String DLQ = "verity.cards.dlq.notification-service";

    @Test
    void cardCreatedNotifiesItsVerifierAndNobodyElse() {
        String vera = fresh("vera");
        String bob = fresh("bob");
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "How do I issue a refund?", vera));

        awaitCount(vera, 1)
                .body("unreadCount", equalTo(1))
                .body("items[0].id", notNullValue())
                .body("items[0].recipientId", equalTo(vera))
                .body("items[0].type", equalTo("VERIFICATION_ASSIGNED"))
                .body("items[0].cardId", equalTo(id.toString()))
                .body("items[0].cardVersion", equalTo(1))
                .body("items[0].title", equalTo("You verify “How do I issue a refund?”"))
                .body("items[0].message",
                        equalTo("alice created a card you are the verifier of; it is due for verification every 90 days."))
                .body("items[0].createdAt", equalTo("2026-01-10T09:00:00Z"))
                .body("items[0].readAt", nullValue());
        inbox(bob).body("items", empty()).body("unreadCount", equalTo(0));
    }

    @Test
    void aRedeliveredEventNeverNotifiesTwiceWhateverItCarries() {
        String vera = fresh("vera");
        String mallory = fresh("mallory");
        String sam = fresh("sam");
        UUID id = UUID.randomUUID();
        String eventId = CardEventFeed.created(card(id, 1, "Refunds", vera));
        CardEventFeed.publish(CardEventTypes.CREATED, eventId, card(id, 1, "Refunds", vera), "alice");
        // the same id with other data: were it applied, mallory would be told and v5 recorded, so the v2 below
        // would be ignored as older and sam never told
        CardEventFeed.publish(CardEventTypes.UPDATED, eventId, card(id, 5, "Refunds", mallory), "alice");
        CardEventFeed.updated(card(id, 2, "Refunds", sam), "alice");

        awaitCount(sam, 1);
        inbox(vera).body("items", hasSize(1));
        inbox(mallory).body("items", empty());
    }

    @Test
    void aNewVerifierIsNotifiedOnceAndOlderOrSameVerifierUpdatesNotifyNobody() {
        String vera = fresh("vera");
        String otto = fresh("otto");
        String olga = fresh("olga");
        String paul = fresh("paul");
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Shipping", vera));
        CardEventFeed.updated(card(id, 2, "Shipping (EU)", vera), "bob");
        CardEventFeed.updated(card(id, 4, "Shipping (EU)", otto), "bob");
        CardEventFeed.updated(card(id, 3, "Shipping (EU)", olga), "bob"); // overtaken by v4
        CardEventFeed.updated(card(id, 5, "Shipping (EU)", otto), "bob"); // otto stays verifier
        CardEventFeed.updated(card(id, 6, "Shipping (EU)", paul), paul);  // proves all of the above were applied

        awaitCount(paul, 1).body("items[0].message", startsWith("You changed a card you are now the verifier of"));
        inbox(otto).body("items", hasSize(1))
                .body("items[0].cardVersion", equalTo(4))
                .body("items[0].title", equalTo("You verify “Shipping (EU)”"))
                .body("items[0].message",
                        equalTo("bob changed a card you are now the verifier of; it is due for verification every 90 days."));
        inbox(vera).body("items", hasSize(1)).body("items[0].cardVersion", equalTo(1));
        inbox(olga).body("items", empty());
    }

    @Test
    void anArchivedCardTellsNobodyAndAVerifierNamedWhileItWasArchivedIsToldOnRestore() {
        String vera = fresh("vera");
        String otto = fresh("otto");
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Gift cards", vera));
        awaitCount(vera, 1);

        awaitApplied(em, NotificationService.CONSUMER,
                CardEventFeed.event(CardEventTypes.ARCHIVED, card(id, 2, "Gift cards", otto, "ARCHIVED"), "bob"));
        inbox(otto).body("items", empty());

        CardEventFeed.event(CardEventTypes.RESTORED, card(id, 3, "Gift cards", otto), "bob");
        awaitCount(otto, 1).body("items[0].cardVersion", equalTo(3))
                .body("items[0].message", startsWith("bob changed a card you are now the verifier of"));
        inbox(vera).body("items", hasSize(1));
    }

    @Test
    void aDeletedCardTellsNobody() {
        String vera = fresh("vera");
        String paul = fresh("paul");
        UUID id = UUID.randomUUID();
        CardEventFeed.created(card(id, 1, "Loyalty points", vera));
        awaitCount(vera, 1);

        awaitApplied(em, NotificationService.CONSUMER,
                CardEventFeed.event(CardEventTypes.DELETED, card(id, 2, "Loyalty points", paul, "ARCHIVED"), "bob"));
        inbox(paul).body("items", empty());
        inbox(vera).body("items", hasSize(1));
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheCardsLaterEventsStillNotify() {
        String vera = fresh("vera");
        UUID id = UUID.randomUUID();
        ensureTopic(DLQ);
        try (TestKafka.TopicReader dlq = TestKafka.readFromEnd(DLQ)) {
            String bad = UUID.randomUUID().toString();
            // a snapshot without the card: can never be applied, so it must not be retried forever either
            TestKafka.publish(Topics.CARDS, id.toString(), bad, CardEventTypes.CREATED,
                    "{\"cardId\": \"" + id + "\", \"cardVersion\": 1, \"actorId\": \"alice\"}");
            CardEventFeed.created(card(id, 1, "After the bad one", vera));

            awaitCount(vera, 1);
            ConsumerRecord<String, String> parked = dlq.await(r -> id.toString().equals(r.key()), 1, PATIENCE).get(0);
            assertEquals(bad, IncomingCloudEvent.from(parked).id());
        }
    }

    @Test
    void markingReadLowersTheUnreadCountAndIsIdempotent() {
        String vera = fresh("vera");
        String token = TestTokens.user(vera);
        CardEventFeed.created(card(UUID.randomUUID(), 1, "First", vera));
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Second", vera));
        String first = awaitCount(vera, 2).body("unreadCount", equalTo(2))
                .extract().path("items.find { it.title == 'You verify “First”' }.id");

        String readAt = given().auth().oauth2(token).post("/notifications/" + first + "/read")
                .then().statusCode(200)
                .body("id", equalTo(first))
                .body("readAt", notNullValue())
                .extract().path("readAt");
        given().auth().oauth2(token).post("/notifications/" + first + "/read")
                .then().statusCode(200).body("readAt", equalTo(readAt));

        inbox(vera).body("unreadCount", equalTo(1)).body("items", hasSize(2));
        given().auth().oauth2(token).queryParam("unread", true).get("/notifications")
                .then().statusCode(200).body("items.title", equalTo(List.of("You verify “Second”")));
        given().auth().oauth2(token).queryParam("unread", false).get("/notifications")
                .then().statusCode(200).body("items.id", equalTo(List.of(first)));
        given().auth().oauth2(token).queryParam("limit", 1).get("/notifications")
                .then().statusCode(200).body("items", hasSize(1)).body("unreadCount", equalTo(1));

        given().auth().oauth2(token).post("/notifications/read-all").then().statusCode(200).body("marked", equalTo(1));
        given().auth().oauth2(token).post("/notifications/read-all").then().statusCode(200).body("marked", equalTo(0));
        inbox(vera).body("unreadCount", equalTo(0));
    }

    @Test
    void someoneElsesNotificationIsNotFoundAndStaysUnread() {
        String vera = fresh("vera");
        String bob = fresh("bob");
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Private to vera", vera));
        String id = awaitCount(vera, 1).extract().path("items[0].id");

        given().auth().oauth2(TestTokens.user(bob)).post("/notifications/" + id + "/read")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("does not exist"));
        given().auth().oauth2(TestTokens.user(bob)).post("/notifications/read-all")
                .then().statusCode(200).body("marked", equalTo(0));
        inbox(vera).body("unreadCount", equalTo(1)).body("items[0].readAt", nullValue());

        given().auth().oauth2(TestTokens.user(vera)).post("/notifications/" + UUID.randomUUID() + "/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(vera)).post("/notifications/not-a-uuid/read")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badQueryParametersAre400ProblemsNamingTheParameter() {
        assertInvalid("limit", "0");
        assertInvalid("limit", "201");
        assertInvalid("limit", "lots");
        assertInvalid("unread", "maybe");
    }

    @Test
    void missingOrForgedTokenIs401() {
        given().get("/notifications")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().post("/notifications/read-all").then().statusCode(401).contentType("application/problem+json");
        given().post("/notifications/" + UUID.randomUUID() + "/read").then().statusCode(401);
        given().auth().oauth2("not.a.jwt").get("/notifications").then().statusCode(401);
    }

    @Test
    void openApiDocumentsEveryOperationAndReadinessCoversDatabaseAndKafka() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/notifications'.get.summary", equalTo("List my notifications"))
                .body("paths.'/notifications/{id}/read'.post.responses.'404'.description",
                        containsString("never revealed"))
                .body("paths.'/notifications/read-all'.post.summary", equalTo("Mark all my notifications read"))
                .body("components.schemas.NotificationList.properties.unreadCount.examples[0]", equalTo(3));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Kafka")));
    }

    private static void assertInvalid(String parameter, String value) {
        given().auth().oauth2(TestTokens.user("alice")).queryParam(parameter, value)
                .get("/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://verity.dev/problems/validation"))
                .body("errors[0].field", equalTo(parameter))
                .body("detail", startsWith(parameter + ": "));
    }
}
