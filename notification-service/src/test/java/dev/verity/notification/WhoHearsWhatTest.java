package dev.verity.notification;

import static dev.verity.notification.CardEventFeed.card;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static dev.verity.notification.Recipients.inbox;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.notification.inbox.Notification;
import dev.verity.notification.recipients.CollectionEventsConsumer;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.recipients.NotificationDispatch;
import dev.verity.notification.recipients.NotificationService;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who hears what: verification events tell the verifier (each member of a verifier group), card changes tell the
 * card's followers, new comments tell the card's owner; never whoever caused it, and never twice for one event.
 */
@QuarkusTest
class WhoHearsWhatTest {

    @Inject
    EntityManager em;

    @Inject
    NotificationDispatch dispatch;

    /**
     * The review's case: group support (alice, bob) verifies a card of a collection only alice may read. bob hears
     * nothing of it (not its title, not a flag's reason, not a request's message); alice hears everything.
     */
    @Test
    void aVerifierWhoMayNotReadTheCardsCollectionIsToldNothingOfIt() {
        String alice = fresh("alice");
        String bob = fresh("bob");
        String carol = fresh("carol");
        String support = fresh("support");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(support, 1, "Support", List.of(alice, bob)));
        UUID privateToAlice = readableBy(alice);
        UUID card = UUID.randomUUID();

        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(
                CardEventFeed.inCollection(privateToAlice, card, 1, "Secret merger FAQ", support)));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.UNVERIFIED, new VerificationEvent(card, 2, "Secret merger FAQ", privateToAlice,
                        support, "UNVERIFIED", UnverifiedReasons.FLAGGED, VerificationFeed.DUE, 90, null, carol,
                        "The merger closes on Friday", VerificationFeed.AT, null)));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.REQUESTED, new VerificationEvent(card, 2, "Secret merger FAQ", privateToAlice,
                        support, "UNVERIFIED", UnverifiedReasons.FLAGGED, VerificationFeed.DUE, 90, null, carol,
                        "Please re-check the merger date", VerificationFeed.AT.plusSeconds(1), null)));
        // a policy change naming a verifier who may not read: not told either
        String dave = fresh("dave");
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, VerificationFeed.publish(
                VerificationEventTypes.POLICY_CHANGED, new VerificationEvent(card, 2, "Secret merger FAQ",
                        privateToAlice, dave, "UNVERIFIED", UnverifiedReasons.VERIFIER_CHANGED, VerificationFeed.DUE,
                        90, null, alice, null, VerificationFeed.AT.plusSeconds(2), null)));

        awaitCount(alice, 3);
        inbox(bob).body("items", empty());
        inbox(dave).body("items", empty());
    }

    @Test
    void anExpiredCardTellsItsVerifierOrEachMemberOfItsVerifierGroup() {
        String vera = fresh("vera");
        String experts = fresh("experts");
        String mia = fresh("mia");
        String max = fresh("max");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(experts, 1, "Billing experts", List.of(mia, max)));
        UUID refunds = UUID.randomUUID();

        VerificationFeed.publish(VerificationEventTypes.EXPIRED, VerificationFeed.event(refunds, "Refunds", vera,
                UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null));
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, VerificationFeed.event(UUID.randomUUID(), "Vouchers",
                experts, UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null));

        awaitCount(vera, 1)
                .body("items[0].type", equalTo("VERIFICATION_EXPIRED"))
                .body("items[0].cardId", equalTo(refunds.toString()))
                .body("items[0].cardVersion", equalTo(2))
                .body("items[0].title", equalTo("“Refunds” needs verification: it expired"))
                .body("items[0].message", equalTo("Its verification lapsed; verify it or fix it. It was due on 2026-04-10."))
                .body("items[0].createdAt", equalTo("2026-04-10T09:00:00Z"));
        awaitCount(mia, 1).body("items[0].message",
                equalTo("Its verification lapsed (your group Billing experts verifies it); verify it or fix it."
                        + " It was due on 2026-04-10."));
        awaitCount(max, 1);
        inbox(experts).body("items", empty());
    }

    @Test
    void whoeverFlagsOrAsksIsNotToldEvenAsAMemberOfTheVerifierGroupAndVerifyingTellsNobody() {
        String experts = fresh("experts");
        String mia = fresh("mia");
        String max = fresh("max");
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.group(experts, 1, "Experts", List.of(mia, max)));
        awaitApplied(em, DirectoryService.CONSUMER, DirectoryFeed.user(mia, 1, "Mia Rossi"));
        UUID card = UUID.randomUUID();

        VerificationFeed.publish(VerificationEventTypes.VERIFIED, VerificationFeed.event(card, "Refunds", experts,
                null, max, "looks right"));
        VerificationFeed.publish(VerificationEventTypes.POLICY_CHANGED, VerificationFeed.event(card, "Refunds",
                experts, null, max, null));
        String flag = VerificationFeed.publish(VerificationEventTypes.UNVERIFIED, VerificationFeed.event(card,
                "Refunds", experts, UnverifiedReasons.FLAGGED, mia, "The refund window is 14 days now"));
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, flag);
        VerificationFeed.publish(VerificationEventTypes.REQUESTED, VerificationFeed.event(card, "Refunds", experts,
                UnverifiedReasons.FLAGGED, max, "please check   the\nnew policy"));

        awaitCount(max, 1)
                .body("items[0].type", equalTo("CARD_UNVERIFIED"))
                .body("items[0].title", equalTo("“Refunds” needs verification"))
                .body("items[0].message", equalTo("Mia Rossi flagged it: “The refund window is 14 days now”"
                        + " (your group Experts verifies it)."));
        awaitCount(mia, 1)
                .body("items[0].type", equalTo("VERIFICATION_REQUESTED"))
                .body("items[0].title", equalTo("Please re-check “Refunds”"))
                .body("items[0].message", equalTo(max + " asked for it to be verified again (your group Experts"
                        + " verifies it): “please check the new policy”"));
    }

    @Test
    void followersHearOfChangesOthersMakeButNotOfTheirOwnNorAfterUnfollowing() {
        String vera = fresh("vera");
        String fiona = fresh("fiona");
        String fred = fresh("fred");
        UUID id = UUID.randomUUID();
        UUID billing = readableBy(vera, fiona, fred);
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(CardEventFeed.inCollection(billing, id, 1,
                "Refunds", vera)));

        follow(fiona, id).statusCode(204);
        follow(fiona, id).statusCode(204);
        follow(fred, id).statusCode(204);
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.updated(CardEventFeed.inCollection(billing, id, 2,
                "Refunds (EU)", vera), fred));

        awaitCount(fiona, 1)
                .body("items[0].type", equalTo("CARD_UPDATED"))
                .body("items[0].cardVersion", equalTo(2))
                .body("items[0].title", equalTo("“Refunds (EU)” was edited"))
                .body("items[0].message", equalTo(fred + " edited a card you follow (now version 2)."));
        inbox(fred).body("items", empty());
        inbox(vera).body("items", hasSize(1));

        given().auth().oauth2(TestTokens.user(fiona)).delete("/cards/" + id + "/follow").then().statusCode(204);
        given().auth().oauth2(TestTokens.user(fiona)).delete("/cards/" + id + "/follow").then().statusCode(204);
        awaitApplied(em, NotificationService.CONSUMER,
                CardEventFeed.event(CardEventTypes.ARCHIVED, archivedIn(billing, id, 3, "Refunds (EU)", vera), vera));
        inbox(fiona).body("items", hasSize(1));
        awaitCount(fred, 1).body("items[0].title", equalTo("“Refunds (EU)” was archived"));
    }

    @Test
    void followingACardNeverSeenIs404AndFollowersComeAPageAtATime() {
        given().auth().oauth2(TestTokens.user("alice")).put("/cards/" + UUID.randomUUID() + "/follow")
                .then().statusCode(404).contentType("application/problem+json");
        UUID id = UUID.randomUUID();
        String a = fresh("a");
        String b = fresh("b");
        String c = fresh("c");
        awaitApplied(em, NotificationService.CONSUMER, CardEventFeed.created(CardEventFeed.inCollection(
                readableBy(a, b, c), id, 1, "Refunds", "alice")));
        for (String follower : List.of(a, b, c)) {
            follow(follower, id).statusCode(204);
        }

        String next = given().auth().oauth2(TestTokens.user(a)).queryParam("limit", 2)
                .get("/cards/" + id + "/followers").then().statusCode(200)
                .body("items.userId", equalTo(List.of(a, b)))
                .body("items[0].followedAt", notNullValue())
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(TestTokens.user(a)).queryParam("limit", 2).queryParam("cursor", next)
                .get("/cards/" + id + "/followers").then().statusCode(200)
                .body("items.userId", equalTo(List.of(c)))
                .body("nextCursor", nullValue());
        given().auth().oauth2(TestTokens.user(a)).queryParam("cursor", "nonsense")
                .get("/cards/" + id + "/followers").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aNewCommentTellsTheCardOwnerUnlessTheyWroteItOrAreMentionedInIt() {
        String olga = fresh("olga");
        String carl = fresh("carl");
        UUID id = UUID.randomUUID();
        UUID collection = readableBy(olga, carl);
        awaitApplied(em, NotificationService.CONSUMER,
                CardEventFeed.created(CardEventFeed.ownedIn(collection, id, 1, "Refunds", carl, olga)));

        CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(collection, id, "Refunds", carl,
                UUID.randomUUID(), 1, "Is this still true?", List.of(), List.of()));
        awaitCount(olga, 1)
                .body("items[0].type", equalTo("COMMENTED"))
                .body("items[0].title", equalTo("New comment on “Refunds”"))
                .body("items[0].message", equalTo(carl + " commented on a card you own: “Is this still true?”"));

        String own = CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(collection, id, "Refunds", olga,
                UUID.randomUUID(), 1, "Yes, checked today", List.of(), List.of()));
        awaitApplied(em, NotificationService.COMMENTS_CONSUMER, own);
        CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(collection, id, "Refunds", carl,
                UUID.randomUUID(), 1, "@olga thanks", List.of(olga), List.of(olga)));

        awaitCount(olga, 2).body("items.type", containsInAnyOrder("COMMENTED", "MENTIONED"));
    }

    @Test
    void whileTheCollectionIsUnknownOnlyThoseTheEventNamesAreToldNotTheOwner() {
        String olga = fresh("olga");
        String carl = fresh("carl");
        String mia = fresh("mia");
        UUID id = UUID.randomUUID();
        // no collection event names CardEventFeed.COLLECTION: its access list has not reached the service
        awaitApplied(em, NotificationService.CONSUMER,
                CardEventFeed.created(CardEventFeed.owned(id, 1, "Refunds", carl, "PUBLISHED", olga)));
        awaitCount(carl, 1).body("items[0].type", equalTo("VERIFICATION_ASSIGNED"));

        String comment = CommentFeed.publish(CommentEventTypes.ADDED, CommentFeed.comment(id, "Refunds", carl,
                UUID.randomUUID(), 1, "@mia is this still true?", List.of(mia), List.of(mia)));
        awaitApplied(em, NotificationService.COMMENTS_CONSUMER, comment);

        awaitCount(mia, 1).body("items[0].type", equalTo("MENTIONED"));
        inbox(olga).body("items", hasSize(0)); // the owner: told for owning the card, not named by the comment
    }

    @Test
    void aRedeliveredEventOrASecondDeliveryOfItsIdNotifiesEachRecipientOnce() {
        String vera = fresh("vera");
        VerificationEvent requested = VerificationFeed.event(UUID.randomUUID(), "Refunds", vera, null, "bob", null);
        String eventId = UUID.randomUUID().toString();
        VerificationFeed.publish(VerificationEventTypes.REQUESTED, eventId, requested);
        VerificationFeed.publish(VerificationEventTypes.REQUESTED, eventId, requested);
        awaitApplied(em, NotificationService.VERIFICATIONS_CONSUMER, eventId);
        awaitCount(vera, 1);

        // past the inbox (as a second consumer name or a replay after an inbox purge would be): the unique
        // (event, recipient) index still stores nothing more
        List<Notification> stored = QuarkusTransaction.requiringNew().call(() -> dispatch.deliver(eventId,
                Map.of(vera, Notification.verification(vera, VerificationEventTypes.REQUESTED, requested, "bob",
                        null))));
        assertTrue(stored.isEmpty());
        inbox(vera).body("items", hasSize(1));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM notification WHERE event_id = ?1").setParameter(1, eventId).getSingleResult())
                .longValue()));
    }

    /** A fresh collection these users may read (only readers may follow its cards and hear of their changes). */
    private UUID readableBy(String... readers) {
        UUID collection = UUID.randomUUID();
        awaitApplied(em, CollectionEventsConsumer.CONSUMER, TestAccessEvents.collection(collection, 1, "Billing",
                java.util.Arrays.stream(readers).map(TestAccessEvents::reader)
                        .toArray(dev.verity.events.CollectionEvent.AccessGrant[]::new)));
        return collection;
    }

    private static dev.verity.events.CardSnapshot archivedIn(UUID collection, UUID id, long version, String title,
            String verifier) {
        dev.verity.events.CardSnapshot card = CardEventFeed.inCollection(collection, id, version, title, verifier);
        return new dev.verity.events.CardSnapshot(card.id(), card.version(), card.title(), card.body(), card.tags(),
                "ARCHIVED", card.authorId(), card.verifierId(), card.verificationIntervalDays(), card.createdAt(),
                card.updatedAt(), card.collectionId(), card.folderIds(), card.slug(), card.ownerId(), null, null);
    }

    private static io.restassured.response.ValidatableResponse follow(String user, UUID cardId) {
        return given().auth().oauth2(TestTokens.user(user)).put("/cards/" + cardId + "/follow").then();
    }
}
