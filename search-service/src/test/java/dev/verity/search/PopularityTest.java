package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardSnapshot;
import dev.verity.search.popularity.PopularityRefresh;
import dev.verity.events.Topics;
import dev.verity.events.UsageEventTypes;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** Cards many people open from a search rank a little higher, and sink back when the clicks leave the window. */
@QuarkusTest
class PopularityTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    @Inject
    PopularityRefresh refresh;

    @Inject
    RestClient elasticsearch;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Test
    void aCardOpenedByThreePeopleRisesAboveItsTwinKeepsItThroughAnEditAndSinksWhenTheClicksAge() throws Exception {
        UUID collection = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        List<String> people = List.of("pop-a-" + word, "pop-b-" + word, "pop-c-" + word);
        String applied = TestAccessEvents.collection(collection, 1, "Popularity",
                grant("USER", people.get(0), "READ_ONLY"), grant("USER", people.get(1), "READ_ONLY"),
                grant("USER", people.get(2), "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(applied));
        // twins: the same words, so only the tie-break (id) orders them until one becomes popular
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID first = one.toString().compareTo(other.toString()) < 0 ? one : other;
        UUID second = first == one ? other : one;
        Instant now = Instant.now();
        CardSnapshot a = twin(first, collection, word, now);
        CardSnapshot b = twin(second, collection, word, now);
        feed.publish(a);
        feed.publish(b);
        String reader = people.get(0);
        await().atMost(SOON).untilAsserted(() -> assertEquals(List.of(first.toString(), second.toString()), ids(reader, word)));

        for (String person : people) {
            long searchId = given().auth().oauth2(TestTokens.user(person)).queryParam("q", word).get("/search").then()
                    .statusCode(200).extract().jsonPath().getLong("searchId");
            for (int i = 0; i < 2; i++) { // opened twice, counted once: people, not clicks
                given().auth().oauth2(TestTokens.user(person)).contentType("application/json")
                        .body("{\"searchId\": " + searchId + ", \"cardId\": \"" + second + "\"}")
                        .post("/search/clicks").then().statusCode(204);
            }
        }
        refresh.refresh();
        assertEquals(3, popularity(second));
        await().atMost(SOON).untilAsserted(() -> assertEquals(List.of(second.toString(), first.toString()), ids(reader, word)));

        // an edit rewrites the whole document: the popularity is merged in, not lost
        feed.publish(new CardSnapshot(second, 2, b.title(), b.body() + " Edited.", b.tags(), b.status(), b.authorId(),
                b.verifierId(), b.verificationIntervalDays(), b.createdAt(), Instant.now(), collection, b.folderIds(),
                b.slug(), b.ownerId(), null, null));
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user(reader)).queryParam("q", word)
                .get("/search").then().body("hits.version", contains(2, 1)));
        assertEquals(3, popularity(second));

        // the clicks leave the window: the card is no longer popular and the twins are back in id order
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE search_click SET clicked_at = ?1 WHERE card_id = ?2")
                .setParameter(1, Instant.now().minus(400, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .setParameter(2, second).executeUpdate());
        refresh.refresh();
        assertEquals(0, popularity(second));
        await().atMost(SOON).untilAsserted(() -> assertEquals(List.of(first.toString(), second.toString()), ids(reader, word)));
    }

    @Test
    void viewersAndHelpdeskLinksFromUsageReportsRaiseACardBesideClicksAndALateOlderReportChangesNothing()
            throws Exception {
        UUID collection = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        String reader = "usage-reader-" + word;
        String applied = TestAccessEvents.collection(collection, 1, "Usage popularity",
                grant("USER", reader, "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(applied));
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID first = one.toString().compareTo(other.toString()) < 0 ? one : other;
        UUID second = first == one ? other : one;
        Instant now = Instant.now();
        feed.publish(twin(first, collection, word, now));
        feed.publish(twin(second, collection, word, now));
        await().atMost(SOON).untilAsserted(() -> assertEquals(List.of(first.toString(), second.toString()), ids(reader, word)));

        // 2 people viewed the second twin, and 1 ticket links it: popularity 2 + 3 × 1 (verity.search.popularity.link-weight)
        String report = usage(second, now, 2, 1);
        await().atMost(SOON).until(() -> feed.applied(report));
        refresh.refresh();
        assertEquals(5, popularity(second));
        await().atMost(SOON).untilAsserted(() -> assertEquals(List.of(second.toString(), first.toString()), ids(reader, word)));

        String older = usage(second, now.minusSeconds(600), 0, 0); // delivered late: an earlier report
        await().atMost(SOON).until(() -> feed.applied(older));
        refresh.refresh();
        assertEquals(5, popularity(second));

        String quiet = usage(second, now.plusSeconds(1), 0, 0); // the views and the link left the window
        await().atMost(SOON).until(() -> feed.applied(quiet));
        refresh.refresh();
        assertEquals(0, popularity(second));
    }

    /** Publishes card-service's usage report of a card, as of {@code at}; returns the event id. */
    private static String usage(UUID card, Instant at, int viewers, int links) {
        String eventId = UUID.randomUUID().toString();
        TestKafka.publish(Topics.USAGE, card.toString(), eventId, UsageEventTypes.REPORTED, """
                {"cardId": "%s", "occurredAt": "%s", "windowDays": 30, "views": %d, "uniqueViewers": %d, "copies": 0,
                 "linksAdded": %d, "links": %d}""".formatted(card, at, viewers * 2, viewers, links, links));
        return eventId;
    }

    private static CardSnapshot twin(UUID id, UUID collection, String word, Instant at) {
        return new CardSnapshot(id, 1, "Parcel returns " + word, "How to return a parcel.", List.of(), "PUBLISHED",
                "olivia", "olivia", 90, at, at, collection, List.of(), "pop-" + id, "olivia", null, null);
    }

    private static List<String> ids(String user, String word) {
        return given().auth().oauth2(TestTokens.user(user)).queryParam("q", word).get("/search").then()
                .statusCode(200).extract().jsonPath().getList("hits.id", String.class);
    }

    private int popularity(UUID card) throws Exception {
        var response = elasticsearch.performRequest(new Request("GET", "/" + CardFeed.INDEX + "/_doc/" + card));
        return mapper.readTree(response.getEntity().getContent()).path("_source").path("popularity").asInt();
    }
}
