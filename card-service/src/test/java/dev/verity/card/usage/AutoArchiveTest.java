package dev.verity.card.usage;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import dev.verity.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auto-archive, driven by the test clock: warns 7 days before, archives, is cancelled by a view or an edit, runs once. */
@QuarkusTest
class AutoArchiveTest {

    @Inject
    AutoArchive autoArchive;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    /** A collection archiving after 90 days, owned by {@code owner}, with a reader and a verifier group. */
    private static String collection(String owner, String... grants) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Fixtures.unique("Archiving"));
        body.put("autoArchiveAfterDays", 90);
        body.put("access", java.util.Arrays.stream(grants).map(g -> {
            String[] p = g.split(":");
            if (p[0].equals("USER")) {
                Fixtures.user(p[1]);
            }
            return Map.of("principalType", p[0], "principalId", p[1], "role", p[2]);
        }).toList());
        return given().auth().oauth2(token(owner)).contentType(ContentType.JSON).body(body).post("/collections")
                .then().statusCode(201).body("autoArchiveAfterDays", equalTo(90)).extract().path("id");
    }

    @Test
    void anIdleCardIsAnnouncedSevenDaysAheadThenArchivedAsAnyArchive() {
        String owner = Fixtures.unique("owner");
        String coOwner = Fixtures.unique("coowner");
        String collection = collection(owner, "USER:" + coOwner + ":COLLECTION_OWNER");
        String card = Fixtures.cardId(token(owner), collection, "Nobody reads me");

        TestClock.jump(Duration.ofDays(82));
        autoArchive.run();
        assertEquals(0, events("dev.verity.usage.archive-scheduled", card), "not yet: 82 of 90 days");

        TestClock.jump(Duration.ofDays(1).plusMinutes(1));
        assertTrue(autoArchive.run().ran());
        assertEquals(1, events("dev.verity.usage.archive-scheduled", card));
        JsonPath warning = new JsonPath(payload("dev.verity.usage.archive-scheduled", card));
        assertEquals(90, warning.getInt("afterDays"));
        assertEquals("Nobody reads me", warning.getString("cardTitle"));
        List<String> told = warning.getList("recipients.principalId");
        assertTrue(told.containsAll(List.of(owner, coOwner)), told.toString());
    }

    @Test
    void warnsThenArchivesAndTheArchiveIsReversible() {
        String owner = Fixtures.unique("owner");
        String collection = collection(owner);
        String card = Fixtures.cardId(token(owner), collection, "Stale answer");

        TestClock.jump(Duration.ofDays(84));
        autoArchive.run();
        assertEquals(1, events("dev.verity.usage.archive-scheduled", card));
        TestClock.jump(Duration.ofDays(6));
        autoArchive.run();
        assertEquals(0, events("dev.verity.card.archived", card), "the warning promised 7 days");
        TestClock.jump(Duration.ofDays(1).plusMinutes(1));
        autoArchive.run();
        assertEquals(1, events("dev.verity.card.archived", card));
        assertEquals(AutoArchive.ACTOR, new JsonPath(payload("dev.verity.card.archived", card)).getString("actorId"));
        given().auth().oauth2(token(owner)).header("If-Match", "\"2\"").post("/cards/" + card + "/restore").then()
                .statusCode(200).body("status", equalTo("PUBLISHED"));
        autoArchive.run();
        assertEquals(1, events("dev.verity.card.archived", card), "restored: idle again from now");
    }

    @Test
    void aViewOrAnEditBetweenWarningAndArchiveCancelsIt() {
        String owner = Fixtures.unique("owner");
        String reader = Fixtures.unique("reader");
        String collection = collection(owner, "USER:" + reader + ":READ_ONLY");
        String viewed = Fixtures.cardId(token(owner), collection, "Viewed in time");
        String edited = Fixtures.cardId(token(owner), collection, "Edited in time");

        TestClock.jump(Duration.ofDays(84));
        autoArchive.run();
        assertEquals(1, events("dev.verity.usage.archive-scheduled", viewed));
        assertEquals(1, events("dev.verity.usage.archive-scheduled", edited));
        given().auth().oauth2(token(reader)).get("/cards/" + viewed).then().statusCode(200);
        Map<String, Object> change = Fixtures.card(collection, "Edited in time");
        change.put("body", "Still true, checked today.");
        change.remove("collectionId");
        given().auth().oauth2(token(owner)).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(change)
                .put("/cards/" + edited).then().statusCode(200);
        TestClock.jump(Duration.ofDays(8));
        AutoArchive.Pass pass = autoArchive.run();
        assertTrue(pass.cancelled() >= 2, pass.toString());
        assertEquals(0, events("dev.verity.card.archived", viewed));
        assertEquals(0, events("dev.verity.card.archived", edited));
        given().auth().oauth2(token(owner)).get("/cards/" + edited).then().body("status", equalTo("PUBLISHED"));
    }

    @Test
    void runsExactlyOnceWithTwoInstances() throws Exception {
        String owner = Fixtures.unique("owner");
        String collection = collection(owner);
        String card = Fixtures.cardId(token(owner), collection, "Raced for");

        TestClock.jump(Duration.ofDays(84));
        twoAtOnce();
        assertEquals(1, events("dev.verity.usage.archive-scheduled", card));
        TestClock.jump(Duration.ofDays(7).plusMinutes(1));
        twoAtOnce();
        assertEquals(1, events("dev.verity.card.archived", card));
        twoAtOnce();
        assertEquals(1, events("dev.verity.card.archived", card));
        assertEquals(1, events("dev.verity.usage.archive-scheduled", card));
    }

    @Test
    void autoArchiveIsOffByDefaultAndTakesOnlyTheMenu() {
        String owner = Fixtures.unique("owner");
        String plain = Fixtures.collection(owner);
        given().auth().oauth2(token(owner)).get("/collections/" + plain).then().body("autoArchiveAfterDays", equalTo(0));
        String card = Fixtures.cardId(token(owner), plain, "Kept forever");
        given().auth().oauth2(token(owner)).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Bad"), "autoArchiveAfterDays", 45)).post("/collections")
                .then().statusCode(400).body("errors[0].field", equalTo("autoArchiveAfterDays"));
        TestClock.jump(Duration.ofDays(400));
        autoArchive.run();
        assertEquals(0, events("dev.verity.usage.archive-scheduled", card));
    }

    /** Two passes started together, as two instances' schedulers would. */
    private void twoAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<AutoArchive.Pass> a = CompletableFuture.supplyAsync(() -> await(start), pool);
            CompletableFuture<AutoArchive.Pass> b = CompletableFuture.supplyAsync(() -> await(start), pool);
            start.countDown();
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
    }

    private AutoArchive.Pass await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return autoArchive.run();
    }

    private long events(String type, String card) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE type = ?1 AND subject = ?2").setParameter(1, type)
                .setParameter(2, card).getSingleResult()).longValue());
    }

    private String payload(String type, String card) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT payload FROM outbox_event WHERE type = ?1 AND subject = ?2").setParameter(1, type)
                .setParameter(2, card).getSingleResult());
    }
}
