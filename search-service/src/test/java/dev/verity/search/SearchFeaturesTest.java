package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CardSnapshot;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters, facets, pages, snippets, typos and "did you mean". Each test searches as a user of its own who reads only
 * a collection of its own, so it sees exactly the cards it published, whatever else the index holds.
 */
@QuarkusTest
class SearchFeaturesTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    private UUID collection;
    private String user;

    @BeforeEach
    void aCollectionOnlyThisTestReads() {
        collection = UUID.randomUUID();
        user = "searcher-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = TestAccessEvents.collection(collection, 1, "Features", grant("USER", user, "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(eventId));
    }

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.user(user));
    }

    private ValidatableResponse search(String q) {
        return as().queryParam("q", q).get("/search").then().statusCode(200);
    }

    private List<CardSnapshot> publishAll(CardSnapshot... cards) {
        for (CardSnapshot card : cards) {
            feed.publish(card);
        }
        return List.of(cards);
    }

    private CardSnapshot card(String title, String body, List<String> tags) {
        return CardFeed.card(collection, title, body, tags, null, "olivia", Instant.now());
    }

    @Test
    void filtersNarrowAndFacetsCountWithinThem() {
        UUID folder = UUID.randomUUID();
        Instant old = Instant.now().minus(30, ChronoUnit.DAYS);
        publishAll(card("Refund an annual plan", "Refund pro rata.", List.of("billing", "plans")),
                card("Refund a monthly plan", "Refund the month.", List.of("billing")),
                CardFeed.card(collection, "Refund a gift card", "Gift cards are final.", List.of("gifts"), folder,
                        "gina", old));
        await().atMost(SOON).untilAsserted(() -> search("refund").body("total", equalTo(3)));

        search("refund").body("totalExact", equalTo(true))
                .body("facets.tag.find { it.value == 'billing' }.count", equalTo(2))
                .body("facets.tag.find { it.value == 'gifts' }.count", equalTo(1))
                .body("facets.collection[0].value", equalTo(collection.toString()))
                .body("facets.collection[0].count", equalTo(3));
        as().queryParam("q", "refund").queryParam("tag", "billing").queryParam("tag", "plans").get("/search").then()
                .statusCode(200).body("total", equalTo(1)).body("hits[0].title", equalTo("Refund an annual plan"));
        as().queryParam("q", "refund").queryParam("folderId", folder.toString()).get("/search").then()
                .body("total", equalTo(1)).body("hits[0].title", equalTo("Refund a gift card"));
        as().queryParam("q", "refund").queryParam("ownerId", "gina").get("/search").then()
                .body("total", equalTo(1)).body("hits[0].title", equalTo("Refund a gift card"));
        as().queryParam("q", "refund").queryParam("updatedSince", Instant.now().minus(1, ChronoUnit.DAYS).toString())
                .get("/search").then().body("total", equalTo(2))
                .body("hits.title", not(hasItem("Refund a gift card")));
        as().queryParam("q", "refund").queryParam("collectionId", UUID.randomUUID().toString()).get("/search").then()
                .body("total", equalTo(0));
        as().queryParam("q", "refund").queryParam("collectionId", collection.toString()).get("/search").then()
                .body("total", equalTo(3));
    }

    @Test
    void theDeprecatedFilterNamesStillWork() {
        UUID folder = UUID.randomUUID();
        publishAll(CardFeed.card(collection, "Refund a voucher", "Vouchers are final.", List.of(), folder, "vera",
                Instant.now().minus(30, ChronoUnit.DAYS)), card("Refund a voucher twice", "Never.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search("voucher").body("total", equalTo(2)));

        as().queryParam("q", "voucher").queryParam("folder", folder.toString()).get("/search").then()
                .body("total", equalTo(1)).body("hits[0].title", equalTo("Refund a voucher"));
        as().queryParam("q", "voucher").queryParam("owner", "vera").get("/search").then()
                .body("total", equalTo(1)).body("hits[0].title", equalTo("Refund a voucher"));
        as().queryParam("q", "voucher").queryParam("updatedAfter", Instant.now().minus(1, ChronoUnit.DAYS).toString())
                .get("/search").then().body("total", equalTo(1)).body("hits[0].title", equalTo("Refund a voucher twice"));
        as().queryParam("q", "voucher").queryParam("collection", UUID.randomUUID().toString()).get("/search").then()
                .body("total", equalTo(0));
        // both names with different values: which one was meant is unclear
        as().queryParam("q", "voucher").queryParam("collection", UUID.randomUUID().toString())
                .queryParam("collectionId", collection.toString()).get("/search").then().statusCode(400)
                .body("errors[0].field", equalTo("collectionId"));
    }

    @Test
    void pagesFollowEachOtherWithoutRepeatsOrGaps() {
        String word = CardFeed.uniqueWord();
        for (int i = 0; i < 7; i++) {
            feed.publish(card("Card " + i + " " + word, "About " + word + ".", List.of()));
        }
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(7)));

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as().queryParam("q", word).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/search").then().statusCode(200).extract();
            List<String> ids = page.path("hits.id");
            ids.forEach(id -> assertEquals(true, seen.add(id), "card " + id + " served twice"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 5);
        assertEquals(7, seen.size());
        assertEquals(3, pages);
    }

    @Test
    void aCursorThatIsNotOursIsABadRequest() {
        as().queryParam("q", "refund").queryParam("cursor", "bm90LWEtY3Vyc29y").get("/search").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badFiltersAreBadRequestsNamingTheParameter() {
        as().queryParam("q", "x").queryParam("verification", "MAYBE").get("/search").then().statusCode(400)
                .body("errors[0].field", equalTo("verification"));
        as().queryParam("q", "x").queryParam("folderId", "nope").get("/search").then().statusCode(400)
                .body("errors[0].field", equalTo("folderId"));
        as().queryParam("q", "x").queryParam("updatedSince", "2026-06-02T00:00:00Z")
                .queryParam("updatedBefore", "2026-06-01T00:00:00Z").get("/search").then().statusCode(400)
                .body("errors[0].field", equalTo("updatedBefore"));
    }

    @Test
    void snippetsArePlainTextWithTheMatchMarked() {
        String word = CardFeed.uniqueWord();
        feed.publish(card("Paths", "Run **" + word + "** from &#x2F;usr&#x2F;bin, see [the guide](https://x.test).",
                List.of()));
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(1)));

        search(word).body("hits[0].snippet", containsString("Run <mark>" + word + "</mark> from &#x2F;usr&#x2F;bin"))
                .body("hits[0].snippet", not(containsString("**")))
                .body("hits[0].snippet", not(containsString("[the guide]")));
    }

    @Test
    void aTypoFindsTheCardWhenTheExactWordsFindNothing() {
        publishAll(card("Where is my parcel?", "Track the parcel under Orders.", List.of()),
                card("Parte seconda", "Una parte del testo.", List.of()),
                card("Panel settings", "Open the panel.", List.of()),
                card("Cancel an order", "Cancel it before it ships.", List.of()));
        for (String word : List.of("parcel", "parte", "panel", "cancel")) {
            await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(1)));
        }

        // exact: only the parcel card, no drift to parte, panel or cancel
        search("parcel").body("hits[0].title", equalTo("Where is my parcel?")).body("typoTolerant", equalTo(false));
        // two letters swapped: found, and the answer says typos were tolerated
        search("parcle").body("total", equalTo(1)).body("hits[0].title", equalTo("Where is my parcel?"))
                .body("typoTolerant", equalTo(true));
    }

    @Test
    void aTypoTolerantFirstPageContinuesTypoTolerantOnTheNextPage() {
        publishAll(card("Parcel tracking 1", "Where it is.", List.of()), card("Parcel tracking 2", "Where it is.",
                List.of()), card("Parcel tracking 3", "Where it is.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search("parcel").body("total", equalTo(3)));

        var first = as().queryParam("q", "parcle").queryParam("limit", 2).get("/search").then().statusCode(200)
                .body("typoTolerant", equalTo(true)).body("hits", hasSize(2));
        String cursor = first.extract().path("nextCursor");
        // the exact words find nothing: a second page run exactly would be empty
        as().queryParam("q", "parcle").queryParam("limit", 2).queryParam("cursor", cursor).get("/search").then()
                .statusCode(200).body("hits", hasSize(1)).body("typoTolerant", equalTo(true))
                .body("hits[0].title", not(in(first.extract().jsonPath().getList("hits.title"))));
    }

    @Test
    void whenNoCardHoldsEveryWordTheCardsHoldingAllButOneAnswerAndTheSearchStillCountsAsAGap() {
        Instant started = Instant.now().minus(1, ChronoUnit.SECONDS);
        publishAll(card("Refund an annual plan", "Pro rata, to the original card.", List.of()),
                card("Refund a monthly plan", "The month is not refunded.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search("plan").body("total", equalTo(2)));

        // "zzyzxq" is in no card: all but one of the four words
        String query = "refund annual plan zzyzxq";
        search(query).body("total", equalTo(1)).body("partialMatch", equalTo(true))
                .body("hits[0].title", equalTo("Refund an annual plan"));
        // two words never drop one: that would answer another question
        search("annual zzyzxq").body("total", equalTo(0)).body("partialMatch", equalTo(false));
        search("refund annual plan").body("partialMatch", equalTo(false));

        given().auth().oauth2(TestTokens.admin("ops")).queryParam("from", started.toString()).queryParam("limit", 100)
                .get("/search/gaps").then().statusCode(200).body("zeroResult.query", hasItem(query));
    }

    @Test
    void nothingFoundOffersACorrectionThatFindsSomething() {
        feed.publish(card("Reset a password", "Send the reset link from the account page.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search("password").body("total", equalTo(1)));

        // two letters off in a five-letter word: beyond typo tolerance, within the suggester's reach
        search("rasat").body("total", equalTo(0)).body("didYouMean", equalTo("reset"));
        search("password").body("didYouMean", nullValue());
    }

    @Test
    void aCorrectionNeverRevealsWordsOfCardsTheCallerCannotRead() {
        String secret = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        feed.publishIn(UUID.randomUUID(), UUID.randomUUID(), "Classified " + secret, "Nobody here may read it.");
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.admin("ops")).queryParam("q", secret)
                .get("/search").then().body("total", equalTo(1)));

        String typo = secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");
        search(typo).body("total", equalTo(0)).body("didYouMean", nullValue());
        given().auth().oauth2(TestTokens.admin("ops")).queryParam("q", typo).get("/search").then()
                .body("hits[0].title", notNullValue());
    }

    @Test
    void titlesAreSuggestedAsTheUserTypesOnlyFromReadableCards() {
        String word = CardFeed.uniqueWord();
        publishAll(card("Refund an annual plan " + word, "Pro rata.", List.of()),
                card("Refund a gift card " + word, "Final.", List.of()),
                card("Reset a password " + word, "Link.", List.of()));
        feed.publishIn(UUID.randomUUID(), UUID.randomUUID(), "Refund secrets " + word, "Not for this user.");
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(3)));

        as().queryParam("prefix", "refu").get("/search/suggest").then().statusCode(200)
                .body("suggestions.title", hasItem("Refund an annual plan " + word))
                .body("suggestions.title", hasItem("Refund a gift card " + word))
                .body("suggestions.title", not(hasItem("Refund secrets " + word)))
                .body("suggestions.title", not(hasItem("Reset a password " + word)));
        as().queryParam("prefix", "refund ann").get("/search/suggest").then().statusCode(200)
                .body("suggestions.title", hasItem("Refund an annual plan " + word))
                .body("suggestions.title", not(hasItem("Refund a gift card " + word)));
        as().get("/search/suggest").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("prefix"));
    }

    @Test
    void similarCardsAndPossibleDuplicatesOfADraftComeFromReadableCards() {
        String word = CardFeed.uniqueWord();
        CardSnapshot annual = card("Refund an annual plan", "Refunds of annual plans are pro rata, from the order "
                + "page, within " + word + " days.", List.of());
        CardSnapshot monthly = card("Refund a monthly plan", "Refunds of monthly plans come from the order page, "
                + "within " + word + " days.", List.of());
        CardSnapshot password = card("Reset a password", "Send the reset link from the account page.", List.of());
        publishAll(annual, monthly, password);
        UUID hidden = UUID.randomUUID();
        feed.publishIn(UUID.randomUUID(), hidden, "Refund an annual plan (internal)", "Refunds of annual plans, "
                + word + ".");
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(2)));

        as().get("/search/similar/" + annual.id()).then().statusCode(200)
                .body("hits[0].id", equalTo(monthly.id().toString()))
                .body("hits.id", not(hasItem(annual.id().toString())))
                .body("hits.id", not(hasItem(hidden.toString())));
        as().contentType("application/json")
                .body("{\"title\": \"How to refund an annual plan\", \"body\": \"**Pro rata** refunds of annual plans\"}")
                .post("/search/similar").then().statusCode(200)
                .body("hits[0].id", equalTo(annual.id().toString()))
                .body("hits.id", not(hasItem(hidden.toString())));
        // a card the caller cannot read is as unknown as one that does not exist
        as().get("/search/similar/" + hidden).then().statusCode(404).contentType("application/problem+json");
        as().get("/search/similar/" + UUID.randomUUID()).then().statusCode(404);
        as().get("/search/similar/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("cardId"));
        as().contentType("application/json").body("{\"body\": \"no title\"}").post("/search/similar").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void otherFormsOfAnEnglishOrItalianWordFindTheCardWithoutTypoTolerance() {
        String word = CardFeed.uniqueWord();
        publishAll(card("Refund an annual plan " + word, "Cancelling is free.", List.of()),
                card("Comprimere i file " + word, "Crea un archivio compresso.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(2)));

        search("refunds " + word).body("total", equalTo(1)).body("typoTolerant", equalTo(false))
                .body("hits[0].title", equalTo("Refund an annual plan " + word));
        search("cancelled " + word).body("total", equalTo(1));
        search("compressi " + word).body("total", equalTo(1))
                .body("hits[0].title", equalTo("Comprimere i file " + word));
    }

    @Test
    void anElidedItalianWordInTheQueryFindsTheCardAsWrittenAndAsAnotherForm() {
        String word = CardFeed.uniqueWord();
        publishAll(card("Avviare un servizio " + word, "Avvia l'activity principale di un'applicazione.", List.of()));
        await().atMost(SOON).untilAsserted(() -> search(word).body("total", equalTo(1)));

        search("avvia l'activity " + word).body("total", equalTo(1)).body("typoTolerant", equalTo(false));
        search("un\u2019applicazione " + word).body("total", equalTo(1)).body("typoTolerant", equalTo(false));
    }
}
