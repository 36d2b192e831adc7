package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchTest {

    private static final Duration INDEXED = Duration.ofSeconds(30);
    private static final UUID COLLECTION = UUID.fromString("6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d");
    private static final UUID FOLDER = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    RestClient elasticsearch;

    /** A word no other test or earlier run uses, so assertions see only this test's cards. */
    private static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private String publish(UUID cardId, long version, String title, String body, String status) throws Exception {
        return publish(UUID.randomUUID().toString(), cardId, version, title, body, status);
    }

    private String publish(String eventId, UUID cardId, long version, String title, String body, String status)
            throws Exception {
        return publish(eventId, version == 1 ? CardEventTypes.CREATED : CardEventTypes.UPDATED, cardId, version,
                title, body, status);
    }

    private String publish(String eventId, String type, UUID cardId, long version, String title, String body,
            String status) throws Exception {
        Instant now = Instant.now();
        CardSnapshot card = new CardSnapshot(cardId, version, title, body, List.of("billing"), status, "alice",
                "alice", 90, now, now, COLLECTION, List.of(FOLDER), "card-" + cardId, "olivia", null,
                null);
        TestKafka.publish(Topics.CARDS, cardId.toString(), eventId, type,
                mapper.writeValueAsString(new CardEvent(cardId, version, "alice", now, card)));
        return eventId;
    }

    private static io.restassured.response.Response search(String q) {
        return given().auth().oauth2(TestTokens.user("agent")).queryParam("q", q).get("/search");
    }

    @Test
    void aPublishedCardIsFoundWithAHighlightedSnippet() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        publish(id, 1, "Refunds for annual plans", "Annual plans are refunded pro rata. Mention " + word
                + " when the customer asks about partial months.", "PUBLISHED");

        await().atMost(INDEXED).untilAsserted(() -> search(word).then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo(id.toString()))
                .body("hits[0].title", equalTo("Refunds for annual plans"))
                .body("hits[0].slug", equalTo("card-" + id))
                .body("hits[0].collectionId", equalTo(COLLECTION.toString()))
                .body("hits[0].snippet", containsString("<mark>" + word + "</mark>"))
                .body("hits[0].version", equalTo(1)));
    }

    @Test
    void anOlderVersionArrivingLateNeverOverwritesANewerOne() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        publish(id, 2, "Newer title " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("hits[0].version", equalTo(2)));

        String late = publish(id, 1, "Older title " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> processed(late));

        search(word).then().body("total", equalTo(1))
                .body("hits[0].title", equalTo("Newer title " + word))
                .body("hits[0].version", equalTo(2));
    }

    @Test
    void aRedeliveredEventIdIsAppliedOnceWhateverItCarries() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        String eventId = publish(id, 1, "First " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        // same event id, but claiming a much newer version: applying it would block the genuine v2 below
        publish(eventId, id, 9, "Impostor " + word, "body", "PUBLISHED");
        publish(id, 2, "Second " + word, "body", "PUBLISHED");

        await().atMost(INDEXED).untilAsserted(() -> search(word).then()
                .body("hits[0].title", equalTo("Second " + word)).body("hits[0].version", equalTo(2)));
    }

    @Test
    void draftsAreNotFoundUntilPublished() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        String draft = publish(id, 1, "Draft " + word, "body", "DRAFT");
        await().atMost(INDEXED).until(() -> processed(draft));
        search(word).then().body("total", equalTo(0));

        publish(id, 2, "Published " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));
    }

    @Test
    void anArchivedCardDisappearsFromResultsAndARestoredOneComesBack() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        publish(id, 1, "Gift cards " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        publish(UUID.randomUUID().toString(), CardEventTypes.ARCHIVED, id, 2, "Gift cards " + word, "body",
                "ARCHIVED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(0)));

        publish(UUID.randomUUID().toString(), CardEventTypes.RESTORED, id, 3, "Gift cards " + word, "body",
                "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1))
                .body("hits[0].id", equalTo(id.toString())).body("hits[0].version", equalTo(3)));
    }

    @Test
    void aDeletedCardIsGoneAndAnOlderEventReplayedAfterTheDeleteCannotBringItBack() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        publish(id, 1, "Loyalty points " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(1)));

        // card.deleted carries the last state (ARCHIVED) at a new version
        String deleted = publish(UUID.randomUUID().toString(), CardEventTypes.DELETED, id, 2,
                "Loyalty points " + word, "body", "ARCHIVED");
        await().atMost(INDEXED).until(() -> processed(deleted));
        assertFalse(inIndex(id), "the document is removed, not just filtered out");
        await().atMost(INDEXED).untilAsserted(() -> search(word).then().body("total", equalTo(0)));

        // the creation again under a new event id (a replay the inbox cannot recognise): Elasticsearch's
        // tombstone, kept for index.gc_deletes, refuses it as older than the delete
        String replay = publish(UUID.randomUUID().toString(), CardEventTypes.CREATED, id, 1,
                "Loyalty points " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> processed(replay));
        assertFalse(inIndex(id));
        search(word).then().body("total", equalTo(0));
    }

    @Test
    void aDeleteArrivingBeforeTheCardsOtherEventsKeepsItOutOfTheIndex() throws Exception {
        String word = uniqueWord();
        UUID id = UUID.randomUUID();
        String deleted = publish(UUID.randomUUID().toString(), CardEventTypes.DELETED, id, 3, "Early " + word,
                "body", "ARCHIVED");
        await().atMost(INDEXED).until(() -> processed(deleted));

        String created = publish(id, 1, "Early " + word, "body", "PUBLISHED");
        String updated = publish(id, 2, "Early " + word, "body", "PUBLISHED");
        await().atMost(INDEXED).until(() -> processed(created) && processed(updated));
        assertFalse(inIndex(id));
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

    /** A realtime read of the document: it sees a write or a delete at once, without waiting for a refresh. */
    private boolean inIndex(UUID id) throws Exception {
        Response head = elasticsearch.performRequest(new Request("HEAD", "/test-cards/_doc/" + id));
        return head.getStatusLine().getStatusCode() == 200;
    }

    private boolean processed(String eventId) {
        Number count = QuarkusTransaction.requiringNew().call(() -> (Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult());
        assertEquals(true, count.longValue() <= 1);
        return count.longValue() == 1;
    }
}
