package dev.verity.card.usage;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.card.Fixtures;
import dev.verity.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Views, copies and helpdesk links: counted once per person per window, in batches, shown only to authors. */
@QuarkusTest
class UsageTest {

    @Inject
    UsageBuffer buffer;

    @Inject
    UsageReports reports;

    @Inject
    UsagePurge purge;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static void read(String token, String cardId) {
        given().auth().oauth2(token).get("/cards/" + cardId).then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse usage(String user, String cardId) {
        return given().auth().oauth2(token(user)).get("/cards/" + cardId + "/usage").then();
    }

    @Test
    void viewsCountOncePerPersonPerWindowAndServiceAccountsAndBotsNotAtAll() {
        String owner = Fixtures.unique("owner");
        String reader = Fixtures.unique("reader");
        String service = "service-account-" + Fixtures.unique("helpdesk");
        String bot = Fixtures.unique("answerbot");
        String collection = Fixtures.collection(owner, "USER:" + reader + ":READ_ONLY",
                "USER:" + service + ":READ_ONLY", "USER:" + bot + ":READ_ONLY");
        String card = Fixtures.cardId(token(owner), collection, "Refund policy");

        read(token(owner), card);
        read(token(owner), card);
        read(token(reader), card);
        read(token(reader), card);
        read(token(reader), card);
        read(token(service), card); // a service account by its subject (verity.usage.non-person-subject-prefixes)
        read(token(bot, "verity-bots"), card); // a bot by its token group (verity.usage.non-person-groups)
        given().auth().oauth2(token(reader)).get("/card-slugs/" + given().auth().oauth2(token(owner))
                .get("/cards/" + card).then().extract().path("slug")).then().statusCode(200);
        buffer.flush();
        usage(owner, card).statusCode(200)
                .body("totals.views", equalTo(2)).body("totals.uniqueViewers", equalTo(2))
                .body("daily", hasSize(30)).body("daily[29].views", equalTo(2));

        // after the window the same person counts again; within it, not
        TestClock.jump(Duration.ofMinutes(31));
        read(token(reader), card);
        read(token(reader), card);
        buffer.flush();
        usage(owner, card).body("totals.views", equalTo(3)).body("totals.uniqueViewers", equalTo(2));
    }

    @Test
    void copiesAndLinksAreCountedAndALinkIsMadeOncePerSystemAndTicket() {
        String owner = Fixtures.unique("owner");
        String service = "service-account-" + Fixtures.unique("zendesk");
        String collection = Fixtures.collection(owner, "USER:" + service + ":READ_ONLY");
        String card = Fixtures.cardId(token(owner), collection, "Parcel lost");

        given().auth().oauth2(token(owner)).post("/cards/" + card + "/copies").then().statusCode(204);
        given().auth().oauth2(token(owner)).post("/cards/" + card + "/copies").then().statusCode(204);
        Map<String, String> link = Map.of("system", "zendesk", "ticketId", "48213",
                "url", "https://acme.zendesk.com/agent/tickets/48213");
        String id = given().auth().oauth2(token(service)).contentType(ContentType.JSON).body(link)
                .post("/cards/" + card + "/links").then().statusCode(201)
                .body("system", equalTo("zendesk")).body("createdBy", equalTo(service)).extract().path("id");
        given().auth().oauth2(token(service)).contentType(ContentType.JSON)
                .body(Map.of("system", "zendesk", "ticketId", "48213", "url", "https://acme.zendesk.com/tickets/48213"))
                .post("/cards/" + card + "/links").then().statusCode(200).body("id", equalTo(id))
                .body("url", equalTo("https://acme.zendesk.com/tickets/48213"));
        given().auth().oauth2(token(service)).contentType(ContentType.JSON)
                .body(Map.of("system", "freshdesk", "ticketId", "48213", "url", "https://acme.freshdesk.com/a/tickets/48213"))
                .post("/cards/" + card + "/links").then().statusCode(201);
        given().auth().oauth2(token(owner)).get("/cards/" + card + "/links").then().statusCode(200)
                .body("items", hasSize(2)).body("items.system", hasItems("zendesk", "freshdesk"));
        buffer.flush();
        usage(owner, card).body("totals.copies", equalTo(2)).body("totals.links", equalTo(2))
                .body("linkedTickets", equalTo(2)).body("totals.views", equalTo(0));

        given().auth().oauth2(token(service)).delete("/cards/" + card + "/links/" + id).then().statusCode(204);
        given().auth().oauth2(token(service)).delete("/cards/" + card + "/links/" + id).then().statusCode(404);
        given().auth().oauth2(token(owner)).get("/cards/" + card + "/links?limit=1").then()
                .body("items", hasSize(1)).body("items[0].system", equalTo("freshdesk"));
        usage(owner, card).body("linkedTickets", equalTo(1)).body("totals.links", equalTo(2));

        given().auth().oauth2(token(service)).contentType(ContentType.JSON)
                .body(Map.of("system", "Zen Desk", "ticketId", "", "url", "javascript:alert(1)"))
                .post("/cards/" + card + "/links").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems("system", "ticketId", "url"));
    }

    @Test
    void usageIsForAuthorsAndAStrangerLearnsNothing() {
        String owner = Fixtures.unique("owner");
        String reader = Fixtures.unique("reader");
        String stranger = Fixtures.unique("stranger");
        String collection = Fixtures.collection(owner, "USER:" + reader + ":READ_ONLY");
        String card = Fixtures.cardId(token(owner), collection, "Secret plans");

        String cardDetail = given().auth().oauth2(token(stranger)).get("/cards/" + card).then().statusCode(404)
                .extract().path("detail");
        usage(stranger, card).statusCode(404).body("detail", equalTo(cardDetail));
        given().auth().oauth2(token(stranger)).post("/cards/" + card + "/copies").then().statusCode(404);
        given().auth().oauth2(token(stranger)).get("/cards/" + card + "/links").then().statusCode(404);
        given().auth().oauth2(token(stranger)).get("/collections/" + collection + "/usage").then().statusCode(404);
        usage(reader, card).statusCode(403).body("requiredRole", equalTo("AUTHOR"));
        given().auth().oauth2(token(reader)).get("/collections/" + collection + "/usage").then().statusCode(403);
        usage(owner, card).statusCode(200);
        given().auth().oauth2(token(owner)).get("/cards/" + card + "/usage?from=2026-02-30").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(token(owner)).get("/cards/" + card + "/usage?from=2025-01-01&to=2026-06-01").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(token(owner)).get("/cards/" + card + "/usage?from=2026-06-02&to=2026-06-01").then()
                .statusCode(400);
    }

    @Test
    void collectionUsageRanksItsMostAndLeastUsedCards() {
        String owner = Fixtures.unique("owner");
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection(owner, "USER:" + reader + ":READ_ONLY");
        String popular = Fixtures.cardId(token(owner), collection, "Popular");
        String copied = Fixtures.cardId(token(owner), collection, "Copied");
        String unused = Fixtures.cardId(token(owner), collection, "Nobody reads me");
        read(token(owner), popular);
        read(token(reader), popular);
        read(token(reader), copied);
        given().auth().oauth2(token(reader)).post("/cards/" + copied + "/copies").then().statusCode(204);
        buffer.flush();
        given().auth().oauth2(token(owner)).get("/collections/" + collection + "/usage?limit=2").then().statusCode(200)
                .body("totals.views", equalTo(3)).body("totals.uniqueViewers", equalTo(2))
                .body("totals.copies", equalTo(1))
                .body("mostUsed.cardId", equalTo(java.util.List.of(popular, copied)))
                .body("mostUsed[0].usage.uniqueViewers", equalTo(2))
                .body("leastUsed[0].cardId", equalTo(unused)).body("leastUsed[0].usage.views", equalTo(0));
    }

    @Test
    void usageIsPublishedAtAnIntervalOneEventPerCardNotOnePerView() {
        String owner = Fixtures.unique("owner");
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection(owner, "USER:" + reader + ":READ_ONLY");
        String card = Fixtures.cardId(token(owner), collection, "Often read");
        read(token(owner), card);
        read(token(reader), card);
        given().auth().oauth2(token(reader)).post("/cards/" + card + "/copies").then().statusCode(204);
        reports.report(); // flushes first
        assertEquals(1, reportsOf(card));
        String payload = (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT payload FROM outbox_event WHERE type = 'dev.verity.usage.reported' AND subject = ?1")
                .setParameter(1, card).getSingleResult());
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(payload);
        assertEquals(2, json.getInt("views"));
        assertEquals(2, json.getInt("uniqueViewers"));
        assertEquals(1, json.getInt("copies"));
        assertEquals(collection, json.getString("collectionId"));

        reports.report();
        assertEquals(1, reportsOf(card), "nothing changed: no new report");
        read(token(reader), card); // within the window: not a view, nothing changed
        reports.report();
        assertEquals(1, reportsOf(card));
    }

    @Test
    void usageOlderThanTheRetentionIsPurged() {
        String owner = Fixtures.unique("owner");
        String collection = Fixtures.collection(owner);
        String card = Fixtures.cardId(token(owner), collection, "Old news");
        TestClock.jump(Duration.ofDays(-14 * 31));
        given().auth().oauth2(token(owner)).post("/cards/" + card + "/copies").then().statusCode(204);
        read(token(owner), card);
        buffer.flush();
        TestClock.reset();
        assertEquals(1, rows("usage_day", card));
        assertEquals(1, rows("usage_view_day", card));
        purge.purge();
        assertEquals(0, rows("usage_day", card));
        assertEquals(0, rows("usage_view_day", card));
    }

    private long reportsOf(String card) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE type = 'dev.verity.usage.reported' AND subject = ?1")
                .setParameter(1, card).getSingleResult()).longValue());
    }

    private long rows(String table, String card) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM " + table + " WHERE card_id = cast(?1 AS uuid)").setParameter(1, card)
                .getSingleResult()).longValue());
    }
}
