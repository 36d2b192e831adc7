package dev.verity.notification;

import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static dev.verity.testing.TestAccessEvents.grant;
import static dev.verity.testing.TestAccessEvents.reader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.verity.notification.recipients.CollectionEventsConsumer;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Following must not leak: only someone who may read a card's collection (platform access, kept from
 * verity.collections and verity.directory) can follow it, and a follower who loses read access hears no more of it.
 */
@QuarkusTest
class FollowAccessTest {

    @Inject
    EntityManager em;

    @Test
    void aFollowerWhoLostReadAccessHearsNothingMoreAndSomeoneWhoCannotReadCannotFollowOrListFollowers() {
        String fiona = fresh("fiona");
        String fred = fresh("fred");
        String olga = fresh("olga");
        String support = fresh("support");
        UUID billing = UUID.randomUUID();
        UUID card = UUID.randomUUID();
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(billing, 1, "Billing",
                grant("USER", "alice", "COLLECTION_OWNER"), reader(fiona), reader(fred)));
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(CardEventFeed.inCollection(billing, card,
                1, "Refunds", "alice")));

        state(fiona, card).statusCode(200).body("following", equalTo(false)).body("followedAt", nullValue());
        follow(fiona, card).statusCode(204);
        follow(fred, card).statusCode(204);
        state(fiona, card).statusCode(200).body("cardId", equalTo(card.toString())).body("following", equalTo(true))
                .body("followedAt", notNullValue());
        follow(olga, card).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(olga)).get("/cards/" + card + "/followers").then().statusCode(404);
        // whether anyone follows a card is not for someone who may not read it either
        state(olga, card).statusCode(404).contentType("application/problem+json");

        // fiona loses her grant; olga reads through a directory group of hers (the event carries the folder tree,
        // as card-service's do since folders travel in collection events)
        awaitApplied(em, DirectoryService.CONSUMER, TestAccessEvents.group(support, 1, olga));
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(billing, 2, "Billing",
                java.util.List.of(TestAccessEvents.folder(UUID.randomUUID(), null, "Refunds", 0)),
                grant("USER", "alice", "COLLECTION_OWNER"), reader(fred), grant("GROUP", support, "READ_ONLY")));
        follow(olga, card).statusCode(204);
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.updated(CardEventFeed.inCollection(billing, card,
                2, "Refunds (secret new terms)", "alice"), "alice"));

        awaitCount(fred, 1).body("items[0].title", equalTo("“Refunds (secret new terms)” was edited"));
        awaitCount(olga, 1);
        inbox(fiona).body("items", empty());
    }

    @Test
    void aCardInACollectionTheServiceHasNotHeardOfIsReadableByNobodyButAnAdmin() {
        UUID card = UUID.randomUUID();
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(CardEventFeed.inCollection(
                UUID.randomUUID(), card, 1, "Refunds", "alice")));
        follow(fresh("fiona"), card).statusCode(404);
        given().auth().oauth2(TestTokens.admin(fresh("admin"))).put("/cards/" + card + "/follow").then()
                .statusCode(204);
    }

    private static ValidatableResponse state(String user, UUID cardId) {
        return given().auth().oauth2(TestTokens.user(user)).get("/cards/" + cardId + "/follow").then();
    }

    private static ValidatableResponse follow(String user, UUID cardId) {
        return given().auth().oauth2(TestTokens.user(user)).put("/cards/" + cardId + "/follow").then();
    }
}
