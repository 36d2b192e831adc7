package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Search returns only cards of collections the caller may read, whatever role or route (direct grant, directory
 * group, token group) gives them access, and stops returning them as soon as the access goes. Each test works in a
 * collection of its own, with a word only its card contains.
 */
@QuarkusTest
class ReadAccessTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    private UUID collection;
    private String word;
    private String suffix;

    @BeforeEach
    void aPrivateCardInACollectionOfItsOwn() {
        collection = UUID.randomUUID();
        word = CardFeed.uniqueWord();
        suffix = word.substring(2, 8);
        feed.publishIn(collection, UUID.randomUUID(), "Escalation matrix " + word, "Who to call at night.");
        // an admin reads every collection: once they find it, the card is indexed
        await().atMost(SOON).untilAsserted(() -> search(TestTokens.admin("ops-" + suffix)).body("total", equalTo(1)));
    }

    private ValidatableResponse search(String token) {
        return given().auth().oauth2(token).queryParam("q", word).get("/search").then().statusCode(200);
    }

    private void awaitFound(String token) {
        await().atMost(SOON).untilAsserted(() -> search(token).body("total", equalTo(1)));
    }

    private void awaitHidden(String token) {
        await().atMost(SOON).untilAsserted(() -> search(token).body("total", equalTo(0)).body("hits.size()",
                equalTo(0)));
    }

    private void applied(String eventId) {
        await().atMost(SOON).until(() -> feed.applied(eventId));
    }

    @Test
    void someoneWithNoGrantFindsNothingOfAPrivateCollection() {
        String owner = "owner-" + suffix;
        applied(TestAccessEvents.collection(collection, 1, "Private", grant("USER", owner, "COLLECTION_OWNER")));
        awaitFound(TestTokens.user(owner));

        search(TestTokens.user("stranger-" + suffix)).body("total", equalTo(0));
    }

    @Test
    void aCardIsHiddenUntilSearchKnowsItsCollection() {
        // fail closed: no collection event yet, so nobody but an admin reads the card
        search(TestTokens.user("owner-" + suffix)).body("total", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ_ONLY", "AUTHOR", "COLLECTION_OWNER"})
    void everyRoleReadsItsCollectionsCards(String role) {
        String user = role.toLowerCase() + "-" + suffix;
        applied(TestAccessEvents.collection(collection, 1, "Roles", grant("USER", user, role)));

        awaitFound(TestTokens.user(user));
        search(TestTokens.user("other-" + suffix)).body("total", equalTo(0));
    }

    @Test
    void membersOfAGrantedDirectoryGroupRead() {
        String group = "team-" + suffix;
        applied(TestAccessEvents.group(group, 1, "member-" + suffix));
        applied(TestAccessEvents.collection(collection, 1, "Group", grant("GROUP", group, "READ_ONLY")));

        awaitFound(TestTokens.user("member-" + suffix));
        search(TestTokens.user("outsider-" + suffix)).body("total", equalTo(0));
    }

    @Test
    void aTokenGroupMappedToAGrantedGroupReads() {
        // %test.verity.auth.group-mapping."idp-searchers"=searchers
        applied(TestAccessEvents.collection(collection, 1, "Token group", grant("GROUP", "searchers", "READ_ONLY")));

        awaitFound(TestTokens.user("anyone-" + suffix, "idp-searchers"));
        // an unmapped token group, even one named like the directory group, counts for nothing
        search(TestTokens.user("anyone-" + suffix, "searchers")).body("total", equalTo(0));
    }

    @Test
    void aRevokedGrantHidesTheCardWithinSeconds() {
        String reader = "reader-" + suffix;
        String owner = "owner-" + suffix;
        applied(TestAccessEvents.collection(collection, 1, "Revoke", grant("USER", owner, "COLLECTION_OWNER"),
                grant("USER", reader, "READ_ONLY")));
        awaitFound(TestTokens.user(reader));

        TestAccessEvents.collection(collection, 2, "Revoke", grant("USER", owner, "COLLECTION_OWNER"));

        awaitHidden(TestTokens.user(reader));
        search(TestTokens.user(owner)).body("total", equalTo(1));
    }

    @Test
    void anOlderAccessListArrivingLateDoesNotGrantAgain() {
        String reader = "reader-" + suffix;
        String owner = "owner-" + suffix;
        applied(TestAccessEvents.collection(collection, 2, "Late", grant("USER", owner, "COLLECTION_OWNER")));
        awaitFound(TestTokens.user(owner));

        applied(TestAccessEvents.collection(collection, 1, "Late", grant("USER", owner, "COLLECTION_OWNER"),
                grant("USER", reader, "READ_ONLY")));

        search(TestTokens.user(reader)).body("total", equalTo(0));
    }

    @Test
    void leavingAGroupHidesItsCollections() {
        String group = "team-" + suffix;
        String member = "member-" + suffix;
        applied(TestAccessEvents.group(group, 1, member));
        applied(TestAccessEvents.collection(collection, 1, "Leave", grant("GROUP", group, "AUTHOR")));
        awaitFound(TestTokens.user(member));

        TestAccessEvents.group(group, 2);

        awaitHidden(TestTokens.user(member));
    }

    @Test
    void aUserTheDirectoryRemovedReadsNothingEvenWithAValidToken() {
        String user = "leaver-" + suffix;
        applied(TestAccessEvents.collection(collection, 1, "Removed", grant("USER", user, "READ_ONLY")));
        awaitFound(TestTokens.user(user));

        TestAccessEvents.userRemoved(user, 1);

        awaitHidden(TestTokens.user(user));
    }

    @Test
    void aGroupTheDirectoryRemovedGrantsNothingThroughTokens() {
        // the test profile maps token group idp-leavers to directory group leavers; the group outlives this run, so
        // its versions come from the clock
        applied(TestAccessEvents.group("leavers", System.currentTimeMillis()));
        applied(TestAccessEvents.collection(collection, 1, "Gone", grant("GROUP", "leavers", "READ_ONLY")));
        awaitFound(TestTokens.user("anyone-" + suffix, "idp-leavers"));

        TestAccessEvents.groupRemoved("leavers", System.currentTimeMillis() + 1);

        awaitHidden(TestTokens.user("anyone-" + suffix, "idp-leavers"));
    }

    @Test
    void aDeletedCollectionIsReadByNobodyButAdmins() {
        String owner = "owner-" + suffix;
        applied(TestAccessEvents.collection(collection, 1, "Deleted", grant("USER", owner, "COLLECTION_OWNER")));
        awaitFound(TestTokens.user(owner));

        TestAccessEvents.collectionDeleted(collection, 2, "Deleted");

        awaitHidden(TestTokens.user(owner));
        search(TestTokens.admin("ops-" + suffix)).body("total", equalTo(1));
    }
}
