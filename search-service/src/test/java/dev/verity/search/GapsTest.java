package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Searches and clicks are recorded, and the report names what nobody found or opened, for the writers. */
@QuarkusTest
class GapsTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    @Inject
    @io.quarkus.agroal.DataSource("statistics")
    DataSource statistics;

    @Inject
    DataSource database;

    @Inject
    dev.verity.search.index.SearchCursors cursors;

    @Test
    void onlyTheSearchLogCommitsWithoutWaitingForTheDisk() throws Exception {
        assertEquals("off", synchronousCommit(statistics), "the search log's own pool");
        assertEquals("on", synchronousCommit(database), "every other write of the service");
    }

    private static String synchronousCommit(DataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW synchronous_commit")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void zeroResultAndUnopenedQueriesAreReportedMostFrequentFirstWithoutNamingAnyone() {
        Instant started = Instant.now().minus(1, ChronoUnit.SECONDS);
        UUID collection = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        String alice = "gap-a-" + word;
        String bob = "gap-b-" + word;
        String applied = TestAccessEvents.collection(collection, 1, "Gaps", grant("USER", alice, "READ_ONLY"),
                grant("USER", bob, "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(applied));
        UUID card = UUID.randomUUID();
        feed.publishIn(collection, card, "Refund rules " + word, "Pro rata.");
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user(alice)).queryParam("q", word)
                .get("/search").then().body("total", equalTo(1)));

        String missing = "nothing " + word;
        given().auth().oauth2(TestTokens.user(alice)).queryParam("q", missing).get("/search").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(bob)).queryParam("q", "  NOTHING   " + word).get("/search").then()
                .statusCode(200);
        long opened = given().auth().oauth2(TestTokens.user(bob)).queryParam("q", "refund " + word).get("/search")
                .then().statusCode(200).body("searchId", notNullValue()).extract().jsonPath().getLong("searchId");
        given().auth().oauth2(TestTokens.user(bob)).contentType("application/json")
                .body("{\"searchId\": " + opened + ", \"cardId\": \"" + card + "\"}").post("/search/clicks").then()
                .statusCode(204);
        // twice counts once; someone else cannot click on bob's search
        given().auth().oauth2(TestTokens.user(bob)).contentType("application/json")
                .body("{\"searchId\": " + opened + ", \"cardId\": \"" + card + "\"}").post("/search/clicks").then()
                .statusCode(204);
        given().auth().oauth2(TestTokens.user(alice)).contentType("application/json")
                .body("{\"searchId\": " + opened + ", \"cardId\": \"" + card + "\"}").post("/search/clicks").then()
                .statusCode(404).contentType("application/problem+json");

        var report = given().auth().oauth2(TestTokens.admin("ops")).queryParam("from", started.toString())
                .queryParam("limit", 100).get("/search/gaps").then().statusCode(200);
        report.body("zeroResult.find { it.query == '" + missing + "' }.searches", equalTo(2))
                .body("zeroResult.find { it.query == '" + missing + "' }.searchers", equalTo(2))
                // alice's first search found the card and nobody opened it
                .body("noClick.query", hasItem(word))
                .body("noClick.query", not(hasItem("refund " + word)))
                .body("daily[-1].searches", notNullValue())
                .body(not(org.hamcrest.Matchers.containsString(alice)));
    }

    @Test
    void onlyFirstPagesAreRecordedAndOnlyAdminsReadTheReport() {
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "anything").get("/search").then()
                .statusCode(200).body("searchId", notNullValue());
        given().auth().oauth2(TestTokens.user("agent")).get("/search/gaps").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ops")).queryParam("from", "2026-06-02T00:00:00Z")
                .queryParam("to", "2026-06-01T00:00:00Z").get("/search/gaps").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.user("agent")).contentType("application/json").body("{\"searchId\": 1}")
                .post("/search/clicks").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aLaterPageIsTheSameSearchAndGetsNoNewId() {
        String cursor = cursors.seal(new dev.verity.search.index.SearchCursor(1.0, UUID.randomUUID().toString(),
                dev.verity.search.index.SearchPass.EXACT));
        given().auth().oauth2(TestTokens.user("agent")).queryParam("q", "anything").queryParam("cursor", cursor)
                .get("/search").then().statusCode(200).body("searchId", nullValue());
    }
}
