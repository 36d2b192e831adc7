package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What a search answer must not tell about cards the caller cannot read (no relevance score, an opaque cursor), and
 * clicks credited only to hits the caller was shown and may still read.
 */
@QuarkusTest
class SearchLeaksTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @Inject
    CardFeed feed;

    @Inject
    DataSource database;

    private UUID readableBy(String... users) {
        UUID collection = UUID.randomUUID();
        String applied = TestAccessEvents.collection(collection, 1, "Leaks", java.util.Arrays.stream(users)
                .map(user -> grant("USER", user, "READ_ONLY")).toArray(dev.verity.events.CollectionEvent.AccessGrant[]::new));
        await().atMost(SOON).until(() -> feed.applied(applied));
        return collection;
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ExtractableResponse<Response> search(String user, String q, int limit, String cursor) {
        var request = given().auth().oauth2(TestTokens.user(user)).queryParam("q", q).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/search").then().statusCode(200).extract();
    }

    private static io.restassured.response.ValidatableResponse click(String user, Object searchId, Object cardId) {
        return given().auth().oauth2(TestTokens.user(user)).contentType("application/json")
                .body("{\"searchId\": " + searchId + ", \"cardId\": \"" + cardId + "\"}").post("/search/clicks").then();
    }

    private long clicksOn(Object cardId) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM search_click WHERE card_id = ?")) {
            count.setObject(1, UUID.fromString(cardId.toString()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void hitsCarryNoRelevanceScoreAndTheCursorRevealsNeitherScoreNorCard() {
        String reader = user("leak-reader");
        UUID collection = readableBy(reader);
        String word = CardFeed.uniqueWord();
        for (int i = 0; i < 3; i++) {
            feed.publishIn(collection, UUID.randomUUID(), "Card " + i + " " + word, "About " + word + ".");
        }
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word)
                .get("/search").then().body("total", equalTo(3)));

        var first = search(reader, word, 2, null);
        given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word).get("/search").then()
                .body("hits[0]", not(hasKey("score")));
        String cursor = first.path("nextCursor");
        String lastId = first.jsonPath().getList("hits.id", String.class).get(1);
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            decoded = "";
        }
        assertFalse(decoded.contains(lastId), "the cursor names the last hit: " + decoded);
        assertFalse(decoded.matches("(?s).*\\d\\.\\d+\\|.*"), "the cursor carries a score: " + decoded);
        // the same cursor still continues the list (how far exactly depends on index-wide statistics, which other
        // tests' cards may move between two pages: see README, Pages)
        assertFalse(search(reader, word, 2, cursor).jsonPath().getList("hits").isEmpty());
    }

    @Test
    void aTamperedOrForgedCursorIsA400ProblemNamingTheCursor() {
        String reader = user("leak-tamper");
        UUID collection = readableBy(reader);
        String word = CardFeed.uniqueWord();
        for (int i = 0; i < 3; i++) {
            feed.publishIn(collection, UUID.randomUUID(), "Card " + i + " " + word, "About " + word + ".");
        }
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word)
                .get("/search").then().body("total", equalTo(3)));
        String cursor = search(reader, word, 1, null).path("nextCursor");
        char[] chars = cursor.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("1.0|" + UUID.randomUUID() + "|EXACT").getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(new String(chars), forged, cursor.substring(0, cursor.length() - 2))) {
            given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word).queryParam("cursor", bad)
                    .get("/search").then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void aClickOnACardThatWasNoHitOfTheSearchIsRefusedAndCountsNothing() throws Exception {
        String alice = user("leak-alice");
        UUID privateCollection = readableBy(alice);
        UUID secret = UUID.randomUUID();
        feed.publishIn(privateCollection, secret, "Secret plan " + CardFeed.uniqueWord(), "Only alice.");
        String word = CardFeed.uniqueWord();
        await().atMost(SOON).until(() -> feed.indexed(secret) != null);

        // three users with no grant search a nonsense word, then click alice's private card
        for (int i = 0; i < 3; i++) {
            String stranger = user("leak-stranger");
            long searchId = search(stranger, word, 10, null).jsonPath().getLong("searchId");
            click(stranger, searchId, secret).statusCode(404).contentType(PROBLEM);
        }
        // alice may read it, but it was no hit of her search either
        long hers = search(alice, word, 10, null).jsonPath().getLong("searchId");
        click(alice, hers, secret).statusCode(404).contentType(PROBLEM);
        assertEquals(0, clicksOn(secret));
    }

    @Test
    void aHitOfAnyPageIsClickableButNotOnceTheCallerMayNoLongerReadIt() throws Exception {
        String reader = user("leak-pager");
        UUID collection = readableBy(reader);
        String word = CardFeed.uniqueWord();
        for (int i = 0; i < 3; i++) {
            feed.publishIn(collection, UUID.randomUUID(), "Card " + i + " " + word, "About " + word + ".");
        }
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word)
                .get("/search").then().body("total", equalTo(3)));

        var first = search(reader, word, 2, null);
        long searchId = first.jsonPath().getLong("searchId");
        var second = search(reader, word, 2, first.path("nextCursor"));
        String onSecondPage = second.jsonPath().getList("hits.id", String.class).get(0);
        String onFirstPage = first.jsonPath().getList("hits.id", String.class).get(0);
        click(reader, searchId, onSecondPage).statusCode(204);
        click(reader, searchId, onSecondPage).statusCode(204); // twice counts once
        assertEquals(1, clicksOn(onSecondPage));

        // the grant goes: a hit shown before is no longer clickable
        String revoked = TestAccessEvents.collection(collection, 2, "Leaks");
        await().atMost(SOON).until(() -> feed.applied(revoked));
        click(reader, searchId, onFirstPage).statusCode(404).contentType(PROBLEM);
        assertEquals(0, clicksOn(onFirstPage));
        given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word).get("/search").then()
                .body("searchId", notNullValue()).body("total", equalTo(0));
    }
}
