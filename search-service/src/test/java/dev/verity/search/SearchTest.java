package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CardEventTypes;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchTest {

    private static final Duration INDEXED = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    @BeforeEach
    void agentReadsTheTestCollection() {
        feed.letRead("agent");
    }

    private static io.restassured.response.Response search(String q) {
        return given().auth().oauth2(TestTokens.user("agent")).queryParam("q", q).get("/search");
    }

    @Test
    void aPublishedCardIsFoundWithAHighlightedSnippet() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        feed.publish(id, 1, "Refunds for annual plans", "Annual plans are refunded pro rata. Mention " + word
                + " when the customer asks about partial months.", "PUBLISHED");

        await().atMost(INDEXED).untilAsserted(() -> search(word).then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo(id.toString()))
                .body("hits[0].title", equalTo("Refunds for annual plans"))
                .body("hits[0].slug", equalTo("card-" + id))
                .body("hits[0].collectionId", equalTo(CardFeed.COLLECTION.toString()))
                .body("hits[0].snippet", containsString("<mark>" + word + "</mark>"))
                .body("hits[0].version", equalTo(1)));
    }

    @Test
    void anOlderVersionArrivingLateNeverOverwritesANewerOne() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        feed.publish(id, 2, "Newer title " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("hits[0].version", equalTo(2)));

        String late = feed.publish(id, 1, "Older title " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> feed.applied(late));

        search(word).then().body("total", equalTo(1))
                .body("hits[0].title", equalTo("Newer title " + word))
                .body("hits[0].version", equalTo(2));
    }

    @Test
    void aRedeliveredEventIdIsAppliedOnceWhateverItCarries() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        String eventId = feed.publish(id, 1, "First " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        // same event id, but claiming a much newer version: applying it would block the genuine v2 below
        feed.publish(eventId, CardEventTypes.UPDATED, id, 9, "Impostor " + word, "body", "PUBLISHED");
        feed.publish(id, 2, "Second " + word, "body", "PUBLISHED");

        await().atMost(INDEXED).untilAsserted(() -> search(word).then()
                .body("hits[0].title", equalTo("Second " + word)).body("hits[0].version", equalTo(2)));
    }

    @Test
    void draftsAreNotFoundUntilPublished() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        String draft = feed.publish(id, 1, "Draft " + word, "body", "DRAFT");
        await().atMost(INDEXED).until(() -> feed.applied(draft));
        search(word).then().body("total", equalTo(0));

        feed.publish(id, 2, "Published " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));
    }

    @Test
    void anArchivedCardDisappearsFromResultsAndARestoredOneComesBack() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        feed.publish(id, 1, "Gift cards " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        feed.publish(UUID.randomUUID().toString(), CardEventTypes.ARCHIVED, id, 2, "Gift cards " + word, "body",
                "ARCHIVED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(0)));

        feed.publish(UUID.randomUUID().toString(), CardEventTypes.RESTORED, id, 3, "Gift cards " + word, "body",
                "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1))
                .body("hits[0].id", equalTo(id.toString())).body("hits[0].version", equalTo(3)));
    }

    @Test
    void aDeletedCardIsGoneAndAnOlderEventReplayedAfterTheDeleteCannotBringItBack() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        feed.publish(id, 1, "Loyalty points " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        // card.deleted carries the last state (ARCHIVED) at a new version
        String deleted = feed.publish(UUID.randomUUID().toString(), CardEventTypes.DELETED, id, 2,
                "Loyalty points " + word, "body", "ARCHIVED");
        await().atMost(INDEXED).until(() -> feed.applied(deleted));
        assertTombstone(id, 2);
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(0)));

        // the creation again under a new event id (a replay the inbox cannot recognise): the tombstone document
        // keeps the delete's version for good (a real delete's would be forgotten after index.gc_deletes, 60 s),
        // so the replay is refused as older however late it comes
        String replay = feed.publish(UUID.randomUUID().toString(), CardEventTypes.CREATED, id, 1,
                "Loyalty points " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> feed.applied(replay));
        assertTombstone(id, 2);
        search(word).then().body("total", equalTo(0));
    }

    @Test
    void aDeleteArrivingBeforeTheCardsOtherEventsKeepsItOutOfTheIndex() throws Exception {
        String word = CardFeed.uniqueWord();
        UUID id = UUID.randomUUID();
        String deleted = feed.publish(UUID.randomUUID().toString(), CardEventTypes.DELETED, id, 3, "Early " + word,
                "body", "ARCHIVED");
        await().atMost(INDEXED).until(() -> feed.applied(deleted));

        String created = feed.publish(id, 1, "Early " + word, "body", "PUBLISHED");
        String updated = feed.publish(id, 2, "Early " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> feed.applied(created) && feed.applied(updated));
        assertTombstone(id, 3);
    }

    @Test
    void badQueriesAre400ProblemsNamingTheParameter() {
        given().auth().oauth2(TestTokens.user("agent")).get("/search")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("q"));
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "x".repeat(501)).get("/search")
                .then().statusCode(400).body("errors.field", hasItem("q"));
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "refund").queryParam("limit", "lots")
                .get("/search")
                .then().statusCode(400).body("errors.field", hasItem("limit"))
                .body("detail", containsString("limit"));
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "refund").queryParam("limit", "0")
                .get("/search").then().statusCode(400);
    }

    @Test
    void searchNeedsAToken() {
        given().queryParam("q", "refund").get("/search").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void readinessCoversElasticsearchAndOpenApiDocumentsSearch() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Elasticsearch")));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/search'.get.summary", equalTo("Search cards"));
    }

    /** A deleted card leaves a content-free tombstone at the delete's version, never a searchable document. */
    private void assertTombstone(UUID id, long version) {
        CardFeed.IndexedCard doc = feed.indexed(id);
        assertEquals(new CardFeed.IndexedCard("DELETED", version, null), doc);
    }
}
