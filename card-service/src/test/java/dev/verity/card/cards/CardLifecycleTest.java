package dev.verity.card.cards;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Markdown, slugs, moving, archiving, deleting and listing cards. */
@QuarkusTest
class CardLifecycleTest {

    @Inject
    EntityManager em;

    @Test
    void bodyIsServedAsSanitisedHtmlThatKeepsFormattingButNoScript() {
        String collection = Fixtures.collection("alice");
        Map<String, Object> card = Fixtures.card(collection, "XSS attempt");
        card.put("body", "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) and [docs](https://example.com/docs)\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        String html = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(201).extract().path("bodyHtml");
        String lower = html.toLowerCase();
        assertFalse(lower.contains("<script"), html);
        assertFalse(lower.contains("onerror"), html);
        assertFalse(lower.contains("javascript:"), html);
        assertTrue(html.contains("<h1>Title</h1>"), html);
        assertTrue(html.contains("href=\"https://example.com/docs\""), html);
        assertTrue(html.contains("<table>"), html);
    }

    @Test
    void controlCharactersAndOversizedFieldsAre400AndNothingIsWritten() {
        String collection = Fixtures.collection("alice");
        long cards = count("card");
        long outbox = count("outbox_event");
        // a control character is refused as the JSON is read (platform StrictJson), before any other check
        Map<String, Object> card = Fixtures.card(collection, "Bell\u0007");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).body("errors.field", hasItem("title"));
        card = Fixtures.card(collection, "Oversized");
        card.put("body", "x".repeat(100_001));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).body("errors.field", hasItem("body"));
        card = Fixtures.card(collection, "Bad interval");
        card.put("verificationIntervalDays", 45);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).body("errors[0].field", equalTo("verificationIntervalDays"));
        card = Fixtures.card(collection, "Unknown verifier");
        card.put("verifierId", "nobody-" + System.nanoTime());
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).body("errors[0].field", equalTo("verifierId"));
        card = Fixtures.card(collection, "Unknown folder");
        card.put("folderIds", List.of(java.util.UUID.randomUUID().toString()));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).body("errors[0].field", equalTo("folderIds"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Fixtures.card(java.util.UUID.randomUUID().toString(), "Unknown collection")).post("/cards")
                .then().statusCode(404);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("title", "No collection", "body", "b")).post("/cards")
                .then().statusCode(400).body("errors[0].field", equalTo("collectionId"));
        assertEquals(cards, count("card"));
        assertEquals(outbox, count("outbox_event"));
    }

    @Test
    void slugIsStableAndUniqueEvenWhenTitlesRepeat() {
        // a random suffix, not "-2": numbering would reveal titles of cards in collections one cannot see
        String collection = Fixtures.collection("alice");
        String title = Fixtures.unique("Crème brûlée FAQ");
        Response first = Fixtures.createCard(token("alice"), collection, title);
        Response second = Fixtures.createCard(token("alice"), collection, title);
        String slug = first.path("slug");
        assertTrue(slug.startsWith("creme-brulee-faq-"), slug);
        String other = second.path("slug");
        assertTrue(other.startsWith(slug.substring(0, slug.length() - 6)) && !other.equals(slug), other);
        String id = first.path("id");
        Map<String, Object> edit = Fixtures.card(collection, "A completely different title");
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(edit)
                .put("/cards/" + id).then().statusCode(200).body("slug", equalTo(slug));
        given().auth().oauth2(token("alice")).get("/cards/by-slug/" + slug).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void movingKeepsIdSlugAndHistoryAndPublishesCardMoved() throws Exception {
        String from = Fixtures.collection("alice");
        String to = Fixtures.collection("alice");
        String folder = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", "Refunds"))
                .post("/collections/" + to + "/folders").then().statusCode(201).extract().path("id");
        Response created = Fixtures.createCard(token("alice"), from, "Moving card");
        String id = created.path("id");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.CARDS)) {
            given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                    .body(Map.of("collectionId", to, "folderIds", List.of(folder))).post("/cards/" + id + "/move")
                    .then().statusCode(200).body("collectionId", equalTo(to)).body("folderIds", equalTo(List.of(folder)))
                    .body("slug", equalTo(created.path("slug"))).body("version", equalTo(2));
            assertEquals("dev.verity.card.moved", IncomingCloudEvent.from(
                    topic.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)).get(0)).type());
        }
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions")
                .then().body("items.change", equalTo(List.of("MOVED", "CREATED")));
        given().auth().oauth2(token("alice")).get("/cards?folderId=" + folder).then().body("items.id", equalTo(List.of(id)));
    }

    @Test
    void moveToACollectionWhereYouAreNotAuthorIsRefused() {
        String mine = Fixtures.collection("alice");
        String theirs = Fixtures.collection("bob", "USER:alice:READ_ONLY");
        String id = Fixtures.cardId(token("alice"), mine, "Stay here");
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("collectionId", theirs, "folderIds", List.of())).post("/cards/" + id + "/move")
                .then().statusCode(403);
        given().auth().oauth2(token("alice")).get("/cards/" + id).then().body("collectionId", equalTo(mine));
    }

    @Test
    void archiveRestoreAndAdminOnlyDeleteOfArchivedCards() throws Exception {
        String collection = Fixtures.collection("alice");
        Map<String, Object> draft = Fixtures.card(collection, "Lifecycle");
        draft.put("status", "DRAFT");
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(draft).post("/cards")
                .then().statusCode(201).extract().path("id");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.CARDS)) {
            given().auth().oauth2(ADMIN).delete("/cards/" + id).then().statusCode(409)
                    .body("detail", containsString("archive"));
            given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").post("/cards/" + id + "/archive")
                    .then().statusCode(200).body("status", equalTo("ARCHIVED")).header("ETag", "\"2\"");
            given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection)
                    .then().body("items.id", not(hasItem(id)));
            given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection + "&status=ARCHIVED")
                    .then().body("items.id", equalTo(List.of(id)));
            given().auth().oauth2(token("alice")).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                    .body(Fixtures.card(collection, "Edit while archived")).put("/cards/" + id).then().statusCode(409);
            given().auth().oauth2(token("alice")).header("If-Match", "\"2\"").post("/cards/" + id + "/restore")
                    .then().statusCode(200).body("status", equalTo("DRAFT"));
            given().auth().oauth2(token("alice")).header("If-Match", "\"3\"").post("/cards/" + id + "/archive")
                    .then().statusCode(200);
            given().auth().oauth2(token("alice")).delete("/cards/" + id).then().statusCode(403);
            given().auth().oauth2(ADMIN).delete("/cards/" + id).then().statusCode(204);

            List<String> types = topic.await(r -> id.equals(r.key()), 4, Duration.ofSeconds(20)).stream()
                    .map(r -> IncomingCloudEvent.from(r).type()).toList();
            assertEquals(List.of("dev.verity.card.archived", "dev.verity.card.restored", "dev.verity.card.archived", "dev.verity.card.deleted"), types);
        }
        given().auth().oauth2(ADMIN).get("/cards/" + id).then().statusCode(404);
    }

    @Test
    void listFiltersAndCursorPaginationVisitEveryCardOnce() {
        String collection = Fixtures.collection("alice", "USER:bob:AUTHOR");
        String tag = Fixtures.unique("t").toLowerCase();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> card = Fixtures.card(collection, "Page card " + i);
            card.put("tags", i % 2 == 0 ? List.of(tag) : List.of("other"));
            String author = i < 5 ? "alice" : "bob";
            ids.add(given().auth().oauth2(token(author)).contentType(ContentType.JSON).body(card).post("/cards")
                    .then().statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("collectionId", collection, "limit", 3));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Response page = given().auth().oauth2(token("alice")).queryParams(query).get("/cards");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(ids, new HashSet<>(seen));
        assertEquals(7, seen.size(), "no card twice");

        given().auth().oauth2(token("alice")).queryParams(Map.of("collectionId", collection, "tag", tag.toUpperCase()))
                .get("/cards").then().body("items.size()", equalTo(4));
        given().auth().oauth2(token("alice")).queryParams(Map.of("collectionId", collection, "ownerId", "bob"))
                .get("/cards").then().body("items.size()", equalTo(2));
        given().auth().oauth2(token("alice")).queryParams(Map.of("collectionId", collection, "updatedSince", "2999-01-01T00:00:00Z"))
                .get("/cards").then().body("items.size()", equalTo(0)).body("nextCursor", nullValue());
    }

    @Test
    void badListParametersAre400NamingTheParameter() {
        given().auth().oauth2(token("alice")).get("/cards?collectionId=42").then().statusCode(400)
                .body("errors[0].field", equalTo("collectionId"));
        given().auth().oauth2(token("alice")).get("/cards?status=GONE").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(token("alice")).get("/cards?cursor=garbage").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(token("alice")).get("/cards?updatedSince=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("updatedSince"));
    }

    @Test
    void openApiDescribesEveryOperationWithASummary() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                assertNotEquals(null, operation.getValue().get("summary"), path.getKey() + " " + operation.getKey());
            }
        }
        assertTrue(paths.containsKey("/imports"));
        assertTrue(paths.containsKey("/captures"));
        assertTrue(paths.containsKey("/cards/{id}/diff"));
    }

    private long count(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue());
    }
}
