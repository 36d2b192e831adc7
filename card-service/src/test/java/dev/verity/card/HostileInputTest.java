package dev.verity.card;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a hostile (or careless) signed-in user tries, and the bounded, clear answer each gets. One test per way in:
 * every path that writes a card obeys the same text rules, every request has a bounded cost, and nothing tells a
 * user what they may not read.
 */
@QuarkusTest
class HostileInputTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    EntityManager em;

    // --- Markdown and diff have a bounded cost ---------------------------------------------------------------

    @Test
    void theWideTableCardIsRefusedWithAProblemNamingTheLimitAndTheServiceStaysLive() {
        String collection = Fixtures.collection("alice");
        StringBuilder body = new StringBuilder("|" + "h|".repeat(500) + "\n|" + "-|".repeat(500) + "\n");
        while (body.length() < 98_000) {
            body.append("|x\n");
        }
        Map<String, Object> card = Fixtures.card(collection, "Wide");
        card.put("body", body.toString());
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("body")).body("limit", equalTo("table-columns"))
                .body("max", equalTo(64)).body("actual", equalTo(500));
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection).then()
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void anImportedDocumentTooComplexToRenderFailsAloneAndTheOthersApply() {
        String collection = Fixtures.collection("alice");
        String deep = "{\"externalId\": \"deep\", \"title\": \"Deep\", \"body\": \"" + "> ".repeat(40) + "x\"}\n";
        String fine = "{\"externalId\": \"fine\", \"title\": \"Fine\", \"body\": \"plain\"}\n";
        String job = given().auth().oauth2(token("alice")).contentType("application/x-ndjson")
                .body((deep + fine).getBytes(StandardCharsets.UTF_8)).post("/imports?collectionId=" + collection)
                .then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(token("alice")).get("/imports/" + job)
                .then().body("status", equalTo("COMPLETED")).body("created", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].externalId", equalTo("deep")));
    }

    @Test
    void theDiffOfTwoCompletelyDifferentFiftyThousandLineVersionsIsBoundedAndSaysItIsApproximate() {
        String collection = Fixtures.collection("alice");
        Map<String, Object> card = Fixtures.card(collection, "Long list");
        card.put("body", "a\n".repeat(50_000));
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(201).extract().path("id");
        card.put("body", "b\n".repeat(50_000));
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(card)
                .put("/cards/" + id).then().statusCode(200);
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/diff?from=1&to=2").then().statusCode(200)
                .body("approximate", equalTo(true)).body("added", equalTo(50_000)).body("removed", equalTo(50_000))
                .body("lines.size()", equalTo(100_002));
    }

    @Test
    void externalImagesAreLinksUnlessTheCollectionAllowsThem() {
        String collection = Fixtures.collection("alice");
        Map<String, Object> card = Fixtures.card(collection, Fixtures.unique("Pixel"));
        card.put("body", "Look: ![chart](https://tracker.example.com/p.gif)");
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(201).body("bodyHtml", not(org.hamcrest.Matchers.containsString("<img")))
                .body("bodyHtml", org.hamcrest.Matchers.containsString("href=\"https://tracker.example.com/p.gif\""))
                .extract().path("id");
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Images allowed"), "allowExternalImages", true))
                .put("/collections/" + collection).then().statusCode(200).body("allowExternalImages", equalTo(true));
        given().auth().oauth2(token("alice")).get("/cards/" + id).then().statusCode(200)
                .body("bodyHtml", org.hamcrest.Matchers.containsString("<img src=\"https://tracker.example.com/p.gif\""));
    }

    // --- the text rules hold on every path ------------------------------------------------------------------

    @Test
    void aCaptureWhoseThreadMakesAnOversizedBodyIsRefusedNamingTheBody() {
        String collection = Fixtures.collection("alice");
        List<Map<String, Object>> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replies.add(Map.of("user", "U" + i, "text", "x".repeat(4_000), "ts", "17000001" + (10 + i) + ".000100"));
        }
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "message", Map.of("user", "U1", "text", "Long thread",
                        "ts", "1700000000.000100", "replies", replies)))
                .post("/captures").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("body")).body("max", equalTo(100_000));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aCaptureCarryingControlCharactersIsRefused() {
        String collection = Fixtures.collection("alice");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "title", "Bells", "message", Map.of("user", "U1",
                        "text", "Which bell?", "ts", "1700000000.000100",
                        "replies", List.of(Map.of("user", "U2", "text", "This one\u0007", "ts", "1700000001.000100")))))
                .post("/captures").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("message.replies[0].text"));
    }

    @Test
    void aTitleWithALoneSurrogateIsRefused() {
        String collection = Fixtures.collection("alice");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Fixtures.card(collection, "Broken \uD800 text")).post("/cards")
                .then().statusCode(400).body("errors.field", hasItem("title"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Fixtures.card(collection, Fixtures.unique("Emoji are fine \uD83D\uDE00"))).post("/cards")
                .then().statusCode(201);
    }

    @Test
    void aCardFromATemplateCannotCarryMoreThanTwentyTags() {
        String collection = Fixtures.collection("alice");
        List<String> templateTags = new ArrayList<>();
        List<String> requestTags = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            templateTags.add("t" + i);
            requestTags.add("r" + i);
        }
        String template = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Tagged"), "title", "From a template", "body", "Body",
                        "tags", templateTags))
                .post("/templates").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "tags", requestTags))
                .post("/templates/" + template + "/cards").then().statusCode(400)
                .body("errors.field", hasItem("tags")).body("detail", org.hamcrest.Matchers.containsString("at most 20"));
    }

    // --- request sizes -------------------------------------------------------------------------------------

    @Test
    void aRequestBodyOverOneMegabyteIsRefusedBeforeItIsRead() {
        String collection = Fixtures.collection("alice");
        Map<String, Object> card = Fixtures.card(collection, "Huge");
        card.put("body", "y".repeat(1_200_000));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards")
                .then().statusCode(413).contentType("application/problem+json")
                .body("limit", equalTo("request-body-bytes")).body("max", equalTo(1_048_576));
    }

    @Test
    void aChunkedBodyWithoutLengthIsRefusedOutsideImports() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/cards")).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(411, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void anNdjsonLineOverTheDocumentLimitFailsAloneWithoutBeingKept() throws Exception {
        String collection = Fixtures.collection("alice");
        String ok = "{\"externalId\": \"ok-" + UUID.randomUUID() + "\", \"title\": \"Fine\", \"body\": \"Small\"}\n";
        String huge = "{\"externalId\": \"huge\", \"body\": \"" + "z".repeat(1_100_000) + "\"}\n";
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(ok.getBytes(StandardCharsets.UTF_8)));
        String job = given().auth().oauth2(token("alice")).contentType("application/x-ndjson").body(body.readAllBytes())
                .post("/imports?collectionId=" + collection).then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(token("alice")).get("/imports/" + job)
                .then().body("status", equalTo("COMPLETED")).body("created", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].position", equalTo(1))
                .body("errors[0].message", startsWith("line 1: the line has 1100")));
    }

    @Test
    void anImportIntoACollectionYouCannotSeeIsRefusedAndStoresNothing() {
        String collection = Fixtures.collection("bob");
        long jobs = count("import_job");
        given().auth().oauth2(token("alice")).contentType("application/x-ndjson")
                .body("{\"externalId\": \"a\", \"body\": \"b\"}\n".getBytes(StandardCharsets.UTF_8)).post("/imports?collectionId=" + collection)
                .then().statusCode(404);
        assertEquals(jobs, count("import_job"));
    }

    @Test
    void aThirdConcurrentUploadOfOneUserIsToldToRetryLater() throws Exception {
        String user = Fixtures.unique("uploader");
        String collection = Fixtures.collection("alice", "USER:" + user + ":AUTHOR");
        String uploaderToken = token(user);

        HttpClient client = HttpClient.newHttpClient();
        List<java.io.PipedOutputStream> feeds = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
            java.io.PipedInputStream in = new java.io.PipedInputStream(feed, 1 << 16);
            // more than the server's in-memory input buffer (10 KB), so it streams the rest to the resource method
            for (int line = 0; line < 40; line++) {
                feed.write(("{\"externalId\": \"slow-" + line + "-" + UUID.randomUUID() + "\", \"body\": \""
                        + "b".repeat(1000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            feed.flush();
            feeds.add(feed);
            slow.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/imports?collectionId=" + collection)).version(HttpClient.Version.HTTP_1_1)
                    .header("Authorization", "Bearer " + uploaderToken).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        try {
            // an empty upload is refused (400) without side effects while a slot is free; 429 once both are taken
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(uploaderToken)
                    .contentType("application/x-ndjson").body(new byte[0]).post("/imports?collectionId=" + collection)
                    .then().statusCode(429).header("Retry-After", notNullValue())
                    .body("limit", equalTo("concurrent-uploads-per-user")));
        } finally {
            for (java.io.PipedOutputStream feed : feeds) {
                feed.close();
            }
        }
        for (var upload : slow) {
            assertEquals(202, upload.get().statusCode(), upload.get().body());
        }
    }

    @Test
    void anImportStopsWhenItsSubmitterIsNoLongerAuthor() {
        String collection = Fixtures.collection("alice");
        UUID job = UUID.randomUUID();
        String outsider = Fixtures.unique("outsider");
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO import_job (id, collection_id, status, format, card_status, total, created_by,
                                            created_at, submitter_groups, submitter_admin)
                    VALUES (?1, ?2, 'QUEUED', 'NDJSON', 'PUBLISHED', 2, ?3, now(), '', false)""")
                    .setParameter(1, job).setParameter(2, UUID.fromString(collection)).setParameter(3, outsider)
                    .executeUpdate();
            for (int position = 1; position <= 2; position++) {
                em.createNativeQuery("""
                        INSERT INTO import_item (job_id, position, external_id, payload, outcome)
                        VALUES (?1, ?2, ?3, ?4, 'PENDING')""")
                        .setParameter(1, job).setParameter(2, position).setParameter(3, "stale-" + position)
                        .setParameter(4, "{\"externalId\":\"stale-" + position + "\",\"title\":\"T\",\"body\":\"B\",\"tags\":[]}")
                        .executeUpdate();
            }
        });
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(token("alice")).get("/imports/" + job)
                .then().body("status", equalTo("COMPLETED")).body("failed", equalTo(2)).body("created", equalTo(0))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("no longer AUTHOR")));
    }

    // --- no oracle -----------------------------------------------------------------------------------------

    @Test
    void aSlugSaysNothingAboutCardsInOtherCollections() {
        String title = Fixtures.unique("Merger plans");
        Fixtures.cardId(token("bob"), Fixtures.collection("bob"), title); // private to bob
        String mine = Fixtures.collection("alice");
        String colliding = Fixtures.createCard(token("alice"), mine, title).then().statusCode(201).extract().path("slug");
        String fresh = Fixtures.createCard(token("alice"), mine, title + " alone").then().statusCode(201)
                .extract().path("slug");
        String base = title.toLowerCase().replace(' ', '-');
        org.hamcrest.MatcherAssert.assertThat(colliding, matchesPattern(base + "-[a-z0-9]{6}"));
        org.hamcrest.MatcherAssert.assertThat(fresh, matchesPattern(base + "-alone-[a-z0-9]{6}"));
    }

    @Test
    void aCollectionNameTakenOnlyInvisiblyCanBeUsedButOneYouSeeCannot() {
        String name = Fixtures.unique("Acquisition");
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/collections").then().statusCode(201);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/collections").then().statusCode(201);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .post("/collections").then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("you already see"));
    }

    // --- grants go with their principal --------------------------------------------------------------------

    @Test
    void aRemovedUserLosesGrantsAndAUserRecreatedWithTheSameIdStartsWithNothing() {
        String carol = Fixtures.unique("carol");
        String collection = Fixtures.collection("alice", "USER:" + carol + ":READ_ONLY");
        given().auth().oauth2(token(carol)).get("/collections/" + collection).then().statusCode(200);
        long version = ((Number) given().auth().oauth2(ADMIN).get("/directory/users/" + carol).then().extract()
                .path("version")).longValue();

        given().auth().oauth2(ADMIN).delete("/directory/users/" + carol).then().statusCode(204);
        given().auth().oauth2(token("alice")).get("/collections/" + collection).then().statusCode(200)
                .body("access.principalId", not(hasItem(carol)));
        Fixtures.user(carol);
        given().auth().oauth2(token(carol)).get("/collections/" + collection).then().statusCode(404);
        long recreated = ((Number) given().auth().oauth2(ADMIN).get("/directory/users/" + carol).then().extract()
                .path("version")).longValue();
        assertNotEquals(1L, recreated);
        org.junit.jupiter.api.Assertions.assertTrue(recreated > version, "versions continue after a re-creation");
    }

    @Test
    void aRemovedGroupLosesGrantsAndARecreatedGroupGrantsNothing() {
        String group = Fixtures.unique("auditors");
        String dave = Fixtures.unique("dave");
        Fixtures.group(group, dave);
        String collection = Fixtures.collection("alice", "GROUP:" + group + ":READ_ONLY");
        given().auth().oauth2(token(dave)).get("/collections/" + collection).then().statusCode(200);

        given().auth().oauth2(ADMIN).delete("/directory/groups/" + group).then().statusCode(204);
        Fixtures.group(group, dave);
        given().auth().oauth2(token(dave)).get("/collections/" + collection).then().statusCode(404);
    }

    // --- unbounded lists and trees -------------------------------------------------------------------------

    @Test
    void templatesArePaged() {
        String first = given().auth().oauth2(token("alice")).get("/templates?limit=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("nextCursor", notNullValue()).extract().path("items[0].id");
        String cursor = given().auth().oauth2(token("alice")).get("/templates?limit=1").then().extract().path("nextCursor");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Second"), "body", "B")).post("/templates").then().statusCode(201);
        String second = given().auth().oauth2(token("alice")).get("/templates?limit=1&cursor=" + cursor).then()
                .statusCode(200).extract().path("items[0].id");
        assertNotEquals(first, second);
    }

    @Test
    void foldersNestAtMostTenDeep() {
        String collection = Fixtures.collection("alice");
        String parent = null;
        for (int depth = 1; depth <= 10; depth++) {
            Map<String, Object> folder = new HashMap<>();
            folder.put("name", "Level " + depth);
            folder.put("parentId", parent);
            parent = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(folder)
                    .post("/collections/" + collection + "/folders").then().statusCode(201).extract().path("id");
        }
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", "Level 11", "parentId", parent))
                .post("/collections/" + collection + "/folders").then().statusCode(400)
                .body("errors.field", hasItem("parentId")).body("max", equalTo(10));
        given().auth().oauth2(token("alice")).get("/collections/" + collection + "/folders").then().statusCode(200)
                .body("[0].children[0].children[0].name", equalTo("Level 3"))
                .body("[0].parentId", nullValue());
    }

    private long count(String table) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue());
    }
}
