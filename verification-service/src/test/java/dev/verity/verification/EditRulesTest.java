package dev.verity.verification;

import static org.hamcrest.Matchers.equalTo;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardStatuses;
import dev.verity.testing.TestAccessEvents;
import dev.verity.verification.collections.AccessChanges;
import dev.verity.verification.cards.VerificationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Card events and access changes drive the verification: edits, archive and restore, verifiers losing access. */
@QuarkusTest
class EditRulesTest {

    private static final Instant CREATED = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EntityManager em;

    Team team;

    @BeforeEach
    void team() {
        team = Team.create(em);
    }

    @Test
    void anEditByTheVerifierRenewsAndAnEditByAnyoneElseUnverifies() {
        UUID id = team.newCard("Refunds", team.author, team.verifier, 30, CREATED);
        record(id).body("status", equalTo("UNVERIFIED")).body("reason", equalTo("NEW"));

        edit(id, 2, "Refunds (checked)", team.verifier, team.verifier);
        record(id).body("status", equalTo("VERIFIED")).body("lastVerifiedBy", equalTo(team.verifier))
                .body("lastVerifiedAt", equalTo(CREATED.plus(1, ChronoUnit.MINUTES).toString()));

        edit(id, 3, "Refunds (rewritten)", team.verifier, team.author);
        record(id).body("status", equalTo("UNVERIFIED")).body("reason", equalTo("EDITED_BY_NON_VERIFIER"));

        // a change that is not an edit (same title, body, tags) leaves the verification alone
        team.as(team.verifier).post("/verifications/" + id + "/verify").then().statusCode(200);
        edit(id, 4, "Refunds (rewritten)", team.verifier, team.author);
        record(id).body("status", equalTo("VERIFIED")).body("cardVersion", equalTo(4));
    }

    @Test
    void anEditByAMemberOfTheVerifierGroupRenewsAndByANonMemberUnverifies() {
        UUID id = team.newCard("Gift cards", team.author, team.group, 30, CREATED);

        edit(id, 2, "Gift cards v2", team.group, team.member);
        record(id).body("status", equalTo("VERIFIED")).body("lastVerifiedBy", equalTo(team.member));

        edit(id, 3, "Gift cards v3", team.group, team.verifier);
        record(id).body("status", equalTo("UNVERIFIED")).body("reason", equalTo("EDITED_BY_NON_VERIFIER"));
    }

    @Test
    void archivedCardsLeaveTheQueueAndTheScoreAndComeBackAsTheyWere() {
        UUID unverified = team.newCard("Unverified", team.author, team.verifier, 30, CREATED);
        UUID verified = team.newCard("Verified", team.verifier, team.verifier, 30, CREATED);
        score().body("overall.live", equalTo(2)).body("overall.verified", equalTo(1));
        team.as(team.verifier).get("/verifications/queue").then().body("items.cardId", equalTo(List.of(unverified.toString())));

        lifecycle(unverified, 2, CardEventTypes.ARCHIVED, CardStatuses.ARCHIVED);
        lifecycle(verified, 2, CardEventTypes.ARCHIVED, CardStatuses.ARCHIVED);
        record(unverified).body("state", equalTo("ARCHIVED"));
        team.as(team.verifier).get("/verifications/queue").then().body("items", org.hamcrest.Matchers.empty());
        score().body("overall.live", equalTo(0));
        team.as(team.reader).post("/verifications/" + unverified + "/verify").then().statusCode(409);

        lifecycle(unverified, 3, CardEventTypes.RESTORED, CardStatuses.PUBLISHED);
        lifecycle(verified, 3, CardEventTypes.RESTORED, CardStatuses.PUBLISHED);
        record(unverified).body("state", equalTo("ACTIVE")).body("status", equalTo("UNVERIFIED"))
                .body("reason", equalTo("NEW"));
        record(verified).body("state", equalTo("ACTIVE")).body("status", equalTo("VERIFIED"));
        score().body("overall.live", equalTo(2)).body("overall.verified", equalTo(1));
        team.as(team.verifier).get("/verifications/queue").then().body("items.cardId", equalTo(List.of(unverified.toString())));
    }

    @Test
    void aVerifierWhoseGrantIsRevokedHandsTheCardToTheFirstOwner() {
        UUID id = team.newCard("Invoices", team.verifier, team.verifier, 30, CREATED);
        record(id).body("status", equalTo("VERIFIED"));

        // as card-service sends it since folders travel in collection events: the whole folder tree comes along
        UUID folder = UUID.randomUUID();
        String revoked = TestAccessEvents.collection(team.collection, 2, "Team " + team.tag,
                List.of(TestAccessEvents.folder(folder, null, "Invoices", 0),
                        TestAccessEvents.folder(UUID.randomUUID(), folder, "Overdue", 0)),
                TestAccessEvents.grant("USER", team.owner, "COLLECTION_OWNER"),
                TestAccessEvents.grant("USER", team.author, "AUTHOR"),
                TestAccessEvents.grant("USER", team.reader, "READ_ONLY"),
                TestAccessEvents.grant("GROUP", team.group, "READ_ONLY"));
        team.awaitApplied(AccessChanges.COLLECTIONS_CONSUMER, revoked);

        record(id).body("verifierId", equalTo(team.owner)).body("status", equalTo("UNVERIFIED"))
                .body("reason", equalTo("VERIFIER_LOST_ACCESS")).body("policyVersion", equalTo(2));
        team.as(team.verifier).get("/verifications/" + id).then().statusCode(404);
        team.as(team.owner).get("/verifications/queue").then()
                .body("items.cardId", org.hamcrest.Matchers.hasItem(id.toString()));
    }

    @Test
    void aCardCreatedWithAVerifierWhoCannotReadItsCollectionGoesToTheFirstOwnerAtOnce() {
        UUID id = team.newCard("Told to nobody", team.author, team.stranger, 30, CREATED);

        record(id).body("verifierId", equalTo(team.owner)).body("status", equalTo("UNVERIFIED"))
                .body("reason", equalTo("VERIFIER_LOST_ACCESS"));
        team.as(team.stranger).get("/verifications/" + id).then().statusCode(404);
        team.as(team.stranger).get("/verifications/queue").then()
                .body("items.cardId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id.toString())));
    }

    @Test
    void aCardMovedToACollectionItsVerifierGroupCannotReadGoesToThatCollectionsOwner() {
        UUID id = team.newCard("Moving", team.member, team.group, 30, CREATED);
        record(id).body("status", equalTo("VERIFIED")).body("verifierId", equalTo(team.group));
        UUID mine = UUID.randomUUID();
        String onlyOwner = "solo-" + team.tag;
        TestAccessEvents.collection(mine, 1, "Only mine " + team.tag,
                TestAccessEvents.grant("USER", onlyOwner, "COLLECTION_OWNER"));
        CardEventFeed.awaitCollection(mine, onlyOwner);

        String moved = CardEventFeed.publish(CardEventTypes.MOVED, UUID.randomUUID().toString(), onlyOwner,
                CardEventFeed.card(id, 2, "Moving", team.member, team.group, 30, CREATED, CardStatuses.PUBLISHED, null,
                        mine));
        team.awaitApplied(VerificationService.CONSUMER, moved);

        team.as(onlyOwner).get("/verifications/" + id).then().statusCode(200)
                .body("verifierId", equalTo(onlyOwner)).body("status", equalTo("UNVERIFIED"))
                .body("reason", equalTo("VERIFIER_LOST_ACCESS"));
        team.as(team.member).get("/verifications/" + id).then().statusCode(404);
    }

    @Test
    void aRemovedUserAndADeletedGroupHandTheirCardsToTheOwner() {
        UUID byUser = team.newCard("By user", team.verifier, team.verifier, 30, CREATED);
        UUID byGroup = team.newCard("By group", team.member, team.group, 30, CREATED);
        UUID byMember = team.newCard("By member", team.author, team.author, 30, CREATED);
        record(byGroup).body("status", equalTo("VERIFIED"));

        team.awaitApplied(AccessChanges.DIRECTORY_CONSUMER, TestAccessEvents.userRemoved(team.verifier, 2));
        record(byUser).body("verifierId", equalTo(team.owner)).body("reason", equalTo("VERIFIER_LOST_ACCESS"));

        team.awaitApplied(AccessChanges.DIRECTORY_CONSUMER, TestAccessEvents.groupRemoved(team.group, 2));
        record(byGroup).body("verifierId", equalTo(team.owner)).body("reason", equalTo("VERIFIER_LOST_ACCESS"));
        // the author keeps a direct grant: nothing changes for their card
        record(byMember).body("verifierId", equalTo(team.author)).body("status", equalTo("VERIFIED"));
    }

    @Test
    void aMemberWhoLeavesTheGroupThatGaveThemAccessHandsTheirCardsOver() {
        UUID id = team.newCard("Member's card", team.member, team.member, 30, CREATED);
        record(id).body("status", equalTo("VERIFIED"));

        team.awaitApplied(AccessChanges.DIRECTORY_CONSUMER, TestAccessEvents.group(team.group, 2));

        record(id).body("verifierId", equalTo(team.owner)).body("reason", equalTo("VERIFIER_LOST_ACCESS"));
        team.as(team.reader).get("/verifications/" + id + "/history").then()
                .body("items[0].kind", equalTo("UNVERIFIED"))
                .body("items[0].comment", org.hamcrest.Matchers.containsString(team.member));
    }

    private void edit(UUID id, long version, String title, String verifier, String actor) {
        team.awaitApplied(VerificationService.CONSUMER, CardEventFeed.updatedBy(actor,
                team.card(id, version, title, team.author, verifier, 30, CREATED, CardStatuses.PUBLISHED)));
    }

    private void lifecycle(UUID id, long version, String type, String status) {
        team.awaitApplied(VerificationService.CONSUMER, CardEventFeed.publish(type, UUID.randomUUID().toString(),
                team.author, team.card(id, version, recordTitle(id), team.author, verifierOf(id), 30, CREATED, status)));
    }

    private String recordTitle(UUID id) {
        return team.as(team.owner).get("/verifications/" + id).then().extract().path("cardTitle");
    }

    private String verifierOf(UUID id) {
        return team.as(team.owner).get("/verifications/" + id).then().extract().path("verifierId");
    }

    private ValidatableResponse record(UUID id) {
        return team.as(team.reader).get("/verifications/" + id).then().statusCode(200);
    }

    private ValidatableResponse score() {
        return team.as(team.reader).queryParam("collectionId", team.collection.toString()).get("/trust-scores")
                .then().statusCode(200);
    }
}
