package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.folder;
import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.events.CardSnapshot;
import dev.verity.events.CollectionEvent;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Folder paths in hits and the folder filter with sub-folders, both from the folder tree the collection events carry
 * (real Kafka, PostgreSQL and Elasticsearch). Each test has a collection and a reader of its own, and a word only its
 * cards hold.
 */
@QuarkusTest
class FolderSearchTest {

    /** A ceiling, not a wait: each set-up indexes a tree and three cards, and a loaded 2-core machine took 30 s. */
    private static final Duration SOON = Duration.ofSeconds(60);

    @Inject
    CardFeed feed;

    @Inject
    EntityManager em;

    private UUID collection;
    private String user;
    private String word;
    private final UUID billing = UUID.randomUUID();
    private final UUID refunds = UUID.randomUUID();
    private final UUID shipping = UUID.randomUUID();
    private CardSnapshot inRefunds;
    private CardSnapshot inBilling;

    /** Billing > Refunds; one card in each, one in no folder. */
    @BeforeEach
    void aCollectionWithATreeAndCardsFiledInIt() {
        collection = UUID.randomUUID();
        user = "filer-" + UUID.randomUUID().toString().substring(0, 8);
        word = CardFeed.uniqueWord();
        tree(1, folder(billing, null, "Billing", 0), folder(refunds, billing, "Refunds", 0));
        inRefunds = card("Refund a gift card", refunds);
        inBilling = card("Billing cycles", billing);
        CardSnapshot unfiled = card("Unfiled", null);
        for (CardSnapshot card : List.of(inRefunds, inBilling, unfiled)) {
            feed.publish(card);
        }
        await().atMost(SOON).untilAsserted(() -> search(Map.of()).body("total", equalTo(3)));
    }

    private void tree(long version, CollectionEvent.Folder... folders) {
        String eventId = TestAccessEvents.collection(collection, version, "Folders", List.of(folders),
                grant("USER", "alice", "COLLECTION_OWNER"), grant("USER", user, "READ_ONLY"));
        await().atMost(SOON).until(() -> feed.applied(eventId));
    }

    private CardSnapshot card(String title, UUID folder) {
        return CardFeed.card(collection, title + " " + word, "Filed " + word, List.of(), folder, "olivia",
                Instant.now());
    }

    private ValidatableResponse search(Map<String, String> filters) {
        return given().auth().oauth2(TestTokens.user(user)).queryParam("q", word).queryParams(filters)
                .get("/search").then().statusCode(200);
    }

    private ValidatableResponse inFolder(UUID folder) {
        return search(Map.of("folder", folder.toString()));
    }

    private String hit(CardSnapshot card) {
        return "hits.find { it.id == '" + card.id() + "' }";
    }

    @Test
    void filteringByAParentFolderFindsTheCardsInItsSubfolders() {
        inFolder(billing).body("total", equalTo(2))
                .body("hits.id", containsInAnyOrder(inRefunds.id().toString(), inBilling.id().toString()));
        inFolder(refunds).body("total", equalTo(1)).body("hits[0].id", equalTo(inRefunds.id().toString()));
        search(Map.of()).body(hit(inRefunds) + ".folders", equalTo(List.of(Map.of("id", refunds.toString(),
                "path", List.of("Billing", "Refunds")))))
                .body(hit(inBilling) + ".folders[0].path", equalTo(List.of("Billing")))
                .body("hits.find { it.title.startsWith('Unfiled') }.folders", equalTo(List.of()));
    }

    @Test
    void aRenameShowsTheNewPathInHitsWithoutReindexingTheCard() {
        tree(2, folder(billing, null, "Billing", 0), folder(refunds, billing, "Returns", 0));
        search(Map.of()).body(hit(inRefunds) + ".folders[0].path", equalTo(List.of("Billing", "Returns")))
                .body(hit(inRefunds) + ".version", equalTo(1));
    }

    @Test
    void aMoveChangesBothTheFilterResultsAndThePath() {
        tree(2, folder(billing, null, "Billing", 0), folder(shipping, null, "Shipping", 1),
                folder(refunds, shipping, "Refunds", 0));
        inFolder(billing).body("total", equalTo(1)).body("hits[0].id", equalTo(inBilling.id().toString()));
        inFolder(shipping).body("total", equalTo(1)).body("hits[0].id", equalTo(inRefunds.id().toString()))
                .body("hits[0].folders[0].path", equalTo(List.of("Shipping", "Refunds")));
    }

    @Test
    void anOlderCollectionEventAfterANewerOneChangesNothing() {
        tree(3, folder(billing, null, "Billing", 0), folder(shipping, null, "Shipping", 1),
                folder(refunds, shipping, "Refunds", 0));
        tree(2, folder(billing, null, "Old billing", 0), folder(refunds, billing, "Old refunds", 0));
        search(Map.of()).body(hit(inRefunds) + ".folders[0].path", equalTo(List.of("Shipping", "Refunds")))
                .body(hit(inBilling) + ".folders[0].path", equalTo(List.of("Billing")));
        inFolder(billing).body("total", equalTo(1));
    }

    @Test
    void aFolderOfACollectionTheCallerCannotReadFindsNothingAndAnUnknownFolderIsNoError() {
        UUID hidden = UUID.randomUUID();
        UUID secret = UUID.randomUUID();
        String eventId = TestAccessEvents.collection(hidden, 1, "Hidden", List.of(folder(secret, null, "Secret", 0)),
                grant("USER", "alice", "COLLECTION_OWNER"));
        await().atMost(SOON).until(() -> feed.applied(eventId));
        CardSnapshot secretCard = CardFeed.card(hidden, "Secret " + word, "Hidden " + word, List.of(), secret,
                "alice", Instant.now());
        feed.publish(secretCard);
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(TestTokens.user("alice"))
                .queryParam("q", word).queryParam("folder", secret.toString()).get("/search").then()
                .statusCode(200).body("total", equalTo(1)));

        inFolder(secret).body("total", equalTo(0)).body("hits", equalTo(List.of()));
        inFolder(UUID.randomUUID()).body("total", equalTo(0));
    }

    @Test
    void aDeletedCollectionDropsItsFolders() {
        assertEquals(2, foldersHeld());
        String eventId = TestAccessEvents.collectionDeleted(collection, 2, "Folders");
        await().atMost(SOON).until(() -> feed.applied(eventId));
        assertEquals(0, foldersHeld());
    }

    private long foldersHeld() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM collection_folder WHERE collection_id = ?1")
                .setParameter(1, collection).getSingleResult()).longValue());
    }
}
