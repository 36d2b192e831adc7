package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.verity.events.CardSnapshot;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification events reach the index: the state shows on hits, filters and lifts verified cards. */
@QuarkusTest
class VerificationRankingTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    private UUID collection;
    private String user;
    private String word;

    @BeforeEach
    void aCollectionOnlyThisTestReads() {
        collection = UUID.randomUUID();
        user = "ranker-" + UUID.randomUUID().toString().substring(0, 8);
        word = CardFeed.uniqueWord();
        String eventId = TestAccessEvents.collection(collection, 1, "Ranking", grant("USER", user, "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(eventId));
    }

    private ValidatableResponse search(String verification) {
        var request = given().auth().oauth2(TestTokens.user(user)).queryParam("q", word);
        if (verification != null) {
            request.queryParam("verification", verification);
        }
        return request.get("/search").then().statusCode(200);
    }

    private CardSnapshot card(String title) {
        return CardFeed.card(collection, title + " " + word, "How to " + word + ".", List.of(), null, "olivia",
                Instant.now());
    }

    @Test
    void aVerifiedCardShowsItsStateAndMatchesTheFilter() {
        CardSnapshot card = card("Refund rules");
        feed.publish(card);
        await().atMost(SOON).untilAsserted(() -> search(null).body("total", equalTo(1))
                .body("hits[0].verification", nullValue()));

        Instant verifiedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        feed.verification(card.id(), VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED, verifiedAt);

        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1))
                .body("hits[0].verification", equalTo("VERIFIED"))
                .body("hits[0].verifiedAt", equalTo(verifiedAt.toString()))
                // the whole trust badge travels with the hit: when it lapses, and no reason while verified
                .body("hits[0].dueAt", equalTo(verifiedAt.plus(90, ChronoUnit.DAYS).toString()))
                .body("hits[0].unverifiedReason", nullValue())
                .body("hits[0].version", equalTo(1)));
        search("UNVERIFIED").body("total", equalTo(0));
    }

    @Test
    void aNewCardsStartingStateReachesItsHitsWithWhenItWasVerified() {
        CardSnapshot vouched = card("Started verified");
        CardSnapshot fresh = card("Started new");
        feed.publish(vouched);
        feed.publish(fresh);
        await().atMost(SOON).untilAsserted(() -> search(null).body("total", equalTo(2)));

        Instant createdAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant now = Instant.now();
        feed.verification(vouched.id(), VerificationEventTypes.STARTED, VerificationStatuses.VERIFIED, now, createdAt);
        feed.verification(fresh.id(), VerificationEventTypes.STARTED, VerificationStatuses.UNVERIFIED, now, null);

        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1))
                .body("hits[0].id", equalTo(vouched.id().toString()))
                .body("hits[0].verifiedAt", equalTo(createdAt.toString())));
        await().atMost(SOON).untilAsserted(() -> search("UNVERIFIED").body("total", equalTo(1))
                .body("hits[0].id", equalTo(fresh.id().toString()))
                .body("hits[0].verifiedAt", nullValue())
                .body("hits[0].unverifiedReason", equalTo("FLAGGED")));
    }

    @Test
    void aVerificationArrivingBeforeItsCardIsKeptForIt() {
        CardSnapshot card = card("Early");
        String verified = feed.verification(card.id(), VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED,
                Instant.now());
        await().atMost(SOON).until(() -> feed.applied(verified));

        feed.publish(card);

        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1)));
    }

    @Test
    void aNewCardVersionKeepsTheVerificationState() {
        CardSnapshot card = card("Versioned");
        feed.publish(card);
        feed.verification(card.id(), VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED, Instant.now());
        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1)));

        feed.publish(new CardSnapshot(card.id(), 2, "Versioned again " + word, "Edited " + word, card.tags(),
                card.status(), card.authorId(), card.verifierId(), 90, card.createdAt(), Instant.now(), collection,
                card.folderIds(), null, card.ownerId(), null, null));

        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1))
                .body("hits[0].version", equalTo(2)));
    }

    @Test
    void anOlderVerificationEventArrivingLateChangesNothing() {
        CardSnapshot card = card("Late");
        feed.publish(card);
        Instant now = Instant.now();
        feed.verification(card.id(), VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED, now);
        await().atMost(SOON).untilAsserted(() -> search("VERIFIED").body("total", equalTo(1)));

        String late = feed.verification(card.id(), VerificationEventTypes.UNVERIFIED, VerificationStatuses.UNVERIFIED,
                now.minus(1, ChronoUnit.HOURS));
        await().atMost(SOON).until(() -> feed.applied(late));

        search("VERIFIED").body("total", equalTo(1));
        search("UNVERIFIED").body("total", equalTo(0));
    }

    @Test
    void verifiedCardsRankAboveUnverifiedOnesOfEqualText() {
        CardSnapshot unverified = card("Same text");
        CardSnapshot verified = card("Same text");
        feed.publish(unverified);
        feed.publish(verified);
        feed.verification(unverified.id(), VerificationEventTypes.EXPIRED, VerificationStatuses.UNVERIFIED,
                Instant.now());
        feed.verification(verified.id(), VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED,
                Instant.now());

        await().atMost(SOON).untilAsserted(() -> search(null).body("total", equalTo(2))
                .body("hits[0].id", equalTo(verified.id().toString()))
                .body("hits[0].verification", equalTo("VERIFIED"))
                .body("hits[1].verification", equalTo("UNVERIFIED")));
    }
}
