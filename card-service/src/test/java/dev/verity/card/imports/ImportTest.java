package dev.verity.card.imports;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import dev.verity.card.cards.SlugSuffixes;
import dev.verity.events.CardEventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    @Inject
    EntityManager em;

    private static final String NDJSON = "application/x-ndjson";

    private static Response submit(String token, String collection, String ndjson, String query) {
        return given().auth().oauth2(token).contentType(NDJSON).body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/imports?collectionId=" + collection + (query == null ? "" : "&" + query));
    }

    private static Response awaitCompleted(String token, String location) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                "COMPLETED".equals(given().auth().oauth2(token).get(location).path("status")));
        return given().auth().oauth2(token).get(location);
    }

    @Test
    void ndjsonImportReportsEveryItemAndReImportUpdatesInsteadOfDuplicating() {
        String collection = Fixtures.collection("alice");
        String ndjson = """
                {"externalId": "kb/refunds.md", "body": "# Refunds\\n\\nWithin 30 days.", "tags": ["billing"]}
                {"externalId": "kb/shipping.md", "title": "Shipping", "body": "2-3 days"}
                this is not json
                {"externalId": "kb/long.md", "title": "%s", "body": "x"}
                {"body": "no id"}
                {"externalId": "kb/refunds.md", "body": "duplicate in one upload"}
                {"id": "kb/alias.md", "markdown": "# Alias fields\\n\\nFrom a tldr-like export", "platform": "linux"}
                """.formatted("t".repeat(201));
        Response accepted = submit(token("alice"), collection, ndjson, "tagFields=platform");
        accepted.then().statusCode(202).body("total", equalTo(7)).body("failed", equalTo(4));
        String location = accepted.header("Location");

        Response done = awaitCompleted(token("alice"), location);
        done.then().body("created", equalTo(3)).body("failed", equalTo(4)).body("done", equalTo(7))
                .body("percent", equalTo(100.0f))
                .body("errors.position", equalTo(List.of(3, 4, 5, 6)))
                .body("errors[0].message", containsString("not valid JSON"))
                .body("errors[1].message", containsString("title"))
                .body("errors[2].message", containsString("externalId"))
                .body("errors[3].message", containsString("already appears in item 1"));

        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection).then()
                .body("items.title", org.hamcrest.Matchers.containsInAnyOrder("Refunds", "Shipping", "Alias fields"));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection + "&tag=linux").then()
                .body("items.title", equalTo(List.of("Alias fields")));

        String again = """
                {"externalId": "kb/refunds.md", "body": "# Refunds\\n\\nWithin 60 days now.", "tags": ["billing"]}
                {"externalId": "kb/shipping.md", "title": "Shipping", "body": "2-3 days"}
                """;
        Response second = submit(token("alice"), collection, again, null);
        awaitCompleted(token("alice"), second.header("Location"))
                .then().body("created", equalTo(0)).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection).then()
                .body("items.size()", equalTo(3));
        given().auth().oauth2(token("alice")).get(second.header("Location") + "/items?outcome=UPDATED").then()
                .body("items[0].externalId", equalTo("kb/refunds.md"));
    }

    @Test
    void theCardEventsOfAnImportBatchAreWrittenTogetherInItemOrder() {
        String collection = Fixtures.collection("alice");
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            ndjson.append("{\"externalId\": \"batch/").append(i).append("\", \"body\": \"# Card ").append(i)
                    .append("\\n\\nText\"}\n");
        }
        Response accepted = submit(token("alice"), collection, ndjson.toString(), null);
        awaitCompleted(token("alice"), accepted.header("Location")).then().body("created", equalTo(5));

        @SuppressWarnings("unchecked")
        List<Object[]> events = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT c.external_id, o.occurred_at FROM outbox_event o JOIN card c ON o.record_key = CAST(c.id AS text)
                 WHERE c.collection_id = CAST(?1 AS uuid) AND o.type = ?2 ORDER BY o.seq""")
                .setParameter(1, collection).setParameter(2, CardEventTypes.CREATED).getResultList());
        assertEquals(List.of("batch/1", "batch/2", "batch/3", "batch/4", "batch/5"),
                events.stream().map(row -> (String) row[0]).toList(), "one card.created each, in item order");
        // one Outbox.publishAll for the batch (one statement, one time), not one insert per card
        assertEquals(1, events.stream().map(row -> row[1].toString()).distinct().count());
    }

    @Test
    void multipartMarkdownFilesImportWithTheFileNameAsExternalId() throws IOException {
        String collection = Fixtures.collection("alice");
        Path dir = Files.createTempDirectory("import");
        Path a = Files.writeString(dir.resolve("password-reset.md"), "# Password reset\n\nUse the link on the login page.");
        Path b = Files.writeString(dir.resolve("no-heading.md"), "Just text.");
        Response accepted = given().auth().oauth2(token("alice"))
                .multiPart("files", a.toFile(), "text/markdown").multiPart("files", b.toFile(), "text/markdown")
                .post("/imports?collectionId=" + collection + "&status=DRAFT");
        accepted.then().statusCode(202).body("format", equalTo("MULTIPART"));
        awaitCompleted(token("alice"), accepted.header("Location")).then().body("created", equalTo(2));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection + "&status=DRAFT").then()
                .body("items.title", org.hamcrest.Matchers.containsInAnyOrder("Password reset", "no-heading"))
                .body("items.status", equalTo(List.of("DRAFT", "DRAFT")));
    }

    @Test
    void importNeedsAuthorRoleAndACollection() {
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        submit(token(reader), collection, "{\"externalId\":\"a\",\"body\":\"b\",\"title\":\"t\"}", null)
                .then().statusCode(403);
        given().auth().oauth2(token("alice")).contentType(NDJSON).body("{}".getBytes(StandardCharsets.UTF_8)).post("/imports")
                .then().statusCode(400).body("errors[0].field", equalTo("collectionId"));
        submit(token("alice"), collection, "\n\n", null).then().statusCode(400)
                .body("detail", containsString("no documents"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{}")
                .post("/imports?collectionId=" + collection).then().statusCode(415);
    }

    /**
     * A slice of the real tldr-pages corpus (English and Italian) through the API, re-imported to show idempotency.
     * The whole corpus (8,845 pages) is imported by {@code ./verity bench import}, which reports the rate: here it
     * would flood the consumer services' test suites, which share the local broker, with 8,845 card events.
     */
    @Test
    void sliceOfTheTldrCorpusImportsAndReImportsWithoutDuplicates() throws IOException {
        Path corpus = Path.of(System.getProperty("verity.datasets", "../../shared/datasets"), "tldr-pages-en-it.jsonl");
        assertTrue(Files.isRegularFile(corpus), "dataset missing: " + corpus.toAbsolutePath());
        String slice = String.join("\n", Files.readAllLines(corpus, StandardCharsets.UTF_8).subList(0, 300));
        String collection = Fixtures.collection("alice");
        Response accepted = submit(token("alice"), collection, slice, "tagFields=platform,lang");
        accepted.then().statusCode(202).body("total", equalTo(300));
        Response done = awaitCompleted(token("alice"), accepted.header("Location"));
        done.then().body("failed", equalTo(0)).body("created", equalTo(300));
        System.out.printf("tldr slice: 300 pages applied at %s cards/s%n", done.path("cardsPerSecond").toString());

        Response again = submit(token("alice"), collection, slice, "tagFields=platform,lang");
        awaitCompleted(token("alice"), again.header("Location"))
                .then().body("created", equalTo(0)).body("unchanged", equalTo(300));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection + "&tag=android&limit=200").then()
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        assertEquals(300, (int) done.path("done"));
    }

    @Test
    void slugCollisionsInsideOneBatchAndWithAnExistingCardDrawNewSuffixes() {
        String collection = Fixtures.collection("alice");
        String title = Fixtures.unique("Refund window");
        String existing = Fixtures.createCard(token("alice"), collection, title).then().statusCode(201).extract().path("slug");
        String base = existing.substring(0, existing.lastIndexOf('-'));
        String taken = existing.substring(existing.lastIndexOf('-') + 1);
        // the first card draws the existing card's suffix, the second the first one's; then one collides again
        Deque<String> draws = new ArrayDeque<>(List.of(taken, taken, "c00001", "a00001", "a00001", "b00001"));
        QuarkusMock.installMockForType(new SlugSuffixes() {
            @Override
            public String next() {
                String next = draws.poll();
                return next != null ? next : super.next();
            }
        }, SlugSuffixes.class);
        String ndjson = """
                {"externalId": "slug/1", "title": "%1$s", "body": "first"}
                {"externalId": "slug/2", "title": "%1$s", "body": "second"}
                {"externalId": "slug/3", "title": "Other %1$s", "body": "third"}
                """.formatted(title);
        Response accepted = submit(token("alice"), collection, ndjson, null);
        awaitCompleted(token("alice"), accepted.header("Location")).then().body("created", equalTo(3))
                .body("failed", equalTo(0));
        Response cards = given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection);
        assertEquals(Set.of(existing, base + "-a00001", base + "-b00001", "other-" + base + "-c00001"),
                Set.copyOf(cards.<List<String>>path("items.slug")));
        assertTrue(draws.isEmpty(), "every scripted suffix was drawn: " + draws);
    }

    @Test
    void reImportingUnchangedItemsWritesNoVersionAndNoEvent() {
        String collection = Fixtures.collection("alice");
        String ndjson = """
                {"externalId": "same/1", "title": "One", "body": "Text one", "tags": ["billing", "refunds"]}
                {"externalId": "same/2", "body": "# Two\\n\\nText two"}
                {"externalId": "same/3", "title": "  Three  ", "body": "Text three"}
                """;
        awaitCompleted(token("alice"), submit(token("alice"), collection, ndjson, null).header("Location"))
                .then().body("created", equalTo(3));
        List<Long> before = versionsAndEvents(collection);
        assertEquals(List.of(3L, 3L), before);

        Response again = submit(token("alice"), collection, ndjson, null);
        awaitCompleted(token("alice"), again.header("Location")).then().body("unchanged", equalTo(3))
                .body("created", equalTo(0)).body("updated", equalTo(0));
        assertEquals(before, versionsAndEvents(collection), "no new version, no new event");
        given().auth().oauth2(token("alice")).get(again.header("Location") + "/items?outcome=UNCHANGED").then()
                .body("items.cardId", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void aBatchThatFailsHalfwayLeavesNothingHalfWrittenAndItsOtherItemsApply() {
        String collection = Fixtures.collection("alice");
        String poison = Fixtures.unique("Refused by the database");
        // the card rows of the batch are written before their versions: a version refused rolls them back too
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                CREATE FUNCTION test_refuse_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.title = '%s' THEN RAISE EXCEPTION 'version refused by the test trigger'; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER test_refuse_version BEFORE INSERT ON card_version
                  FOR EACH ROW EXECUTE FUNCTION test_refuse_version();""".formatted(poison)).executeUpdate());
        try {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 1; i <= 5; i++) {
                ndjson.append("{\"externalId\": \"half/").append(i).append("\", \"title\": \"")
                        .append(i == 3 ? poison : "Card " + i).append("\", \"body\": \"Text\"}\n");
            }
            Response accepted = submit(token("alice"), collection, ndjson.toString(), null);
            awaitCompleted(token("alice"), accepted.header("Location")).then().body("created", equalTo(4))
                    .body("failed", equalTo(1)).body("errors[0].position", equalTo(3))
                    .body("errors[0].message", containsString("version refused by the test trigger"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "DROP TRIGGER test_refuse_version ON card_version; DROP FUNCTION test_refuse_version();")
                    .executeUpdate());
        }
        // every card once, each with its one version and its one event; none of the refused item
        assertEquals(List.of(4L, 4L), versionsAndEvents(collection));
        given().auth().oauth2(token("alice")).get("/cards?collectionId=" + collection).then()
                .body("items.title", org.hamcrest.Matchers.containsInAnyOrder("Card 1", "Card 2", "Card 4", "Card 5"));
    }

    /** The collection's card versions and card events in the outbox: [versions, events]. */
    private List<Long> versionsAndEvents(String collection) {
        return QuarkusTransaction.requiringNew().call(() -> List.of(
                ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM card_version v JOIN card c ON c.id = v.card_id
                         WHERE c.collection_id = CAST(?1 AS uuid)""").setParameter(1, collection).getSingleResult())
                        .longValue(),
                ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM outbox_event o JOIN card c ON o.record_key = CAST(c.id AS text)
                         WHERE c.collection_id = CAST(?1 AS uuid) AND o.topic LIKE '%cards'""")
                        .setParameter(1, collection).getSingleResult()).longValue()));
    }
}
