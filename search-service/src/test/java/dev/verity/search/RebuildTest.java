package dev.verity.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The index is rebuilt from the card topic while cards keep changing: search answers throughout, the alias moves to
 * the new index, the old one is dropped and every card ends at its latest version with its verification state.
 * Other test classes address the alias, and the rebuild copies every card of the test topic, so they run on after it.
 */
@QuarkusTest
class RebuildTest {

    private static final Duration REBUILD = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String REBUILDS = "/search/admin/rebuilds";

    @Inject
    ObjectMapper mapper;

    @Inject
    RestClient elasticsearch;

    @Test
    void onlyOrgAdminsStartOrFollowRebuilds() {
        given().auth().oauth2(TestTokens.user("agent")).post(REBUILDS).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("agent")).get(REBUILDS).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ops")).get(REBUILDS + "/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ops")).get(REBUILDS + "/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        // a blank id (found by FuzzTest: it was looked up as null and answered 500)
        given().auth().oauth2(TestTokens.admin("ops")).get(REBUILDS + "/%20").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void rebuildWhileCardsChangeLosesNoUpdateAndSwapsTheAliasWithSearchAnsweringThroughout() throws Exception {
        String admin = TestTokens.admin("ops");
        String word = CardFeed.uniqueWord();
        try (Writer writer = new Writer(word)) {
            for (int i = 0; i < 150; i++) {
                writer.create();
            }
            for (UUID card : writer.someCards(20)) {
                writer.verify(card);
            }
            await().atMost(SOON).until(() -> writer.allIndexed(CardFeed.INDEX));
            List<String> before = indicesBehindAlias();
            assertEquals(1, before.size(), "one index behind the alias before: " + before);

            Future<?> writing = writer.keepWriting();
            await().atMost(SOON).until(() -> writer.operations() >= 5);

            var started = given().auth().oauth2(admin).post(REBUILDS).then().statusCode(202)
                    .header("Location", notNullValue()).body("state", equalTo("RUNNING"))
                    .body("startedBy", equalTo("ops")).body("target", not(equalTo(Map.of())))
                    .extract();
            String id = started.path("id");
            String newIndex = started.path("index");
            assertTrue(started.header("Location").endsWith(REBUILDS + "/" + id), started.header("Location"));
            assertNotEquals(before.get(0), newIndex);
            int writesAtStart = writer.operations();
            given().auth().oauth2(admin).post(REBUILDS).then().statusCode(409)
                    .contentType("application/problem+json").body("rebuild", equalTo(id));

            List<JsonPath> progress = new ArrayList<>();
            await().atMost(REBUILD).pollInterval(Duration.ofMillis(200)).until(() -> {
                // every search during the rebuild answers, and finds this test's cards
                given().auth().oauth2(admin).queryParam("q", word).queryParam("limit", 1).get("/search").then()
                        .statusCode(200).body("total", greaterThan(0));
                JsonPath rebuild = given().auth().oauth2(admin).get(REBUILDS + "/" + id).then().statusCode(200)
                        .extract().jsonPath();
                progress.add(rebuild);
                return !"RUNNING".equals(rebuild.getString("state"));
            });
            JsonPath done = progress.get(progress.size() - 1);
            assertEquals("SWAPPED", done.getString("state"), "error: " + done.getString("error"));
            assertTrue(writer.operations() > writesAtStart, "the writer wrote while the rebuild ran");
            assertEquals(done.getMap("target"), done.getMap("position"), "read up to the target");
            assertEquals(0, done.getLong("remaining"));
            assertTrue(done.getLong("eventsRead") >= 150, "replayed at least this test's cards");
            assertTrue(done.getLong("cardsIndexed") > 0);
            assertTrue(done.getString("finishedAt") != null);
            // progress is reported as it goes: events read never go back
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i).getLong("eventsRead") >= progress.get(i - 1).getLong("eventsRead"));
            }

            // writes go on after the swap, through the alias to the new index only
            int writesAtSwap = writer.operations();
            await().atMost(SOON).until(() -> writer.operations() >= writesAtSwap + 5);
            writer.stop();
            writing.get(30, TimeUnit.SECONDS);

            assertEquals(List.of(newIndex), indicesBehindAlias());
            assertFalse(exists(before.get(0)), "the old index is dropped");
            given().auth().oauth2(admin).get(REBUILDS).then().statusCode(200)
                    .body("rebuilds[0].id", equalTo(id)).body("rebuilds[0].previousIndex", equalTo(before.get(0)));
            // the live consumers may lag behind the writer on a busy machine: the last writes arrive when they do
            await().atMost(REBUILD).untilAsserted(() -> writer.assertEveryCardIsLatest(newIndex));
            await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(admin).queryParam("q", word)
                    .queryParam("limit", 1).get("/search").then().statusCode(200)
                    .body("total", equalTo(writer.publishedCards())));
        }
    }

    private List<String> indicesBehindAlias() throws IOException {
        var response = elasticsearch.performRequest(new Request("GET", "/_alias/" + CardFeed.INDEX));
        List<String> names = new ArrayList<>();
        mapper.readTree(response.getEntity().getContent()).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private boolean exists(String index) throws IOException {
        return elasticsearch.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
    }

    /** A card's document as Elasticsearch holds it (realtime), or null. */
    private JsonNode document(String index, UUID card) {
        try {
            var response = elasticsearch.performRequest(new Request("GET", "/" + index + "/_doc/" + card));
            return mapper.readTree(response.getEntity().getContent());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates, updates, deletes and verifies cards as card-service and verification-service would, remembering each
     * card's latest state: what the index must hold in the end.
     */
    private final class Writer implements AutoCloseable {

        private record Expected(long version, String title, boolean deleted) {
        }

        private final String word;
        private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        private final Map<UUID, Expected> cards = new ConcurrentHashMap<>();
        private final Set<UUID> verified = ConcurrentHashMap.newKeySet();
        private final AtomicInteger operations = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        Writer(String word) {
            this.word = word;
        }

        int operations() {
            return operations.get();
        }

        Future<?> keepWriting() {
            return thread.submit(() -> {
                for (int i = 0; !stopped.get(); i++) {
                    List<UUID> live = someCards(1);
                    switch (i % 5) {
                        case 0 -> create();
                        case 1, 2 -> update(live.get(0));
                        case 3 -> verify(live.get(0));
                        default -> delete(live.get(0));
                    }
                    operations.incrementAndGet();
                }
            });
        }

        void stop() {
            stopped.set(true);
        }

        List<UUID> someCards(int how) {
            List<UUID> live = new ArrayList<>(cards.entrySet().stream().filter(e -> !e.getValue().deleted())
                    .map(Map.Entry::getKey).toList());
            java.util.Collections.shuffle(live, ThreadLocalRandom.current());
            return live.subList(0, Math.min(how, live.size()));
        }

        void create() {
            UUID id = UUID.randomUUID();
            card(CardEventTypes.CREATED, id, 1, "Rebuild card " + word + " " + id, "PUBLISHED");
        }

        void update(UUID id) {
            Expected held = cards.get(id);
            card(CardEventTypes.UPDATED, id, held.version() + 1, "Rebuild card " + word + " v" + (held.version() + 1),
                    "PUBLISHED");
        }

        void delete(UUID id) {
            Expected held = cards.get(id);
            card(CardEventTypes.DELETED, id, held.version() + 1, held.title(), "ARCHIVED");
        }

        void verify(UUID id) {
            Instant now = Instant.now();
            send(Topics.VERIFICATIONS, id, VerificationEventTypes.VERIFIED, "/verification-service",
                    new VerificationEvent(id, cards.get(id).version(), "a card", null, "alice",
                            VerificationStatuses.VERIFIED, null, now.plus(Duration.ofDays(90)), 90, null, "alice",
                            null, now, null));
            verified.add(id);
        }

        private void card(String type, UUID id, long version, String title, String status) {
            Instant now = Instant.now();
            CardSnapshot card = new CardSnapshot(id, version, title, "How to " + word + ".", List.of("rebuild"),
                    status, "alice", "alice", 90, now, now, CardFeed.COLLECTION, List.of(), "card-" + id, "olivia",
                    null, null);
            send(Topics.CARDS, id, type, "/tests", new CardEvent(id, version, "alice", now, card));
            cards.put(id, new Expected(version, title, CardEventTypes.DELETED.equals(type)));
        }

        private void send(String topic, UUID key, String type, String source, Object data) {
            try {
                var record = new ProducerRecord<>(TestKafka.topic(topic), key.toString(),
                        mapper.writeValueAsString(data));
                CloudEventHeaders.write(record.headers(), UUID.randomUUID().toString(), type, source,
                        key.toString(), Instant.now());
                producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }

        boolean allIndexed(String index) {
            return cards.entrySet().stream().allMatch(e -> {
                JsonNode doc = document(index, e.getKey());
                return doc != null && doc.path("_version").asLong() == e.getValue().version()
                        && (!verified.contains(e.getKey())
                                || "VERIFIED".equals(doc.path("_source").path("verification").asText()));
            });
        }

        int publishedCards() {
            return (int) cards.values().stream().filter(c -> !c.deleted()).count();
        }

        void assertEveryCardIsLatest(String index) {
            cards.forEach((id, expected) -> {
                JsonNode doc = document(index, id);
                assertTrue(doc != null, "card " + id + " is in " + index);
                JsonNode source = doc.path("_source");
                assertEquals(expected.version(), doc.path("_version").asLong(), "version of " + id);
                if (expected.deleted()) {
                    assertEquals("DELETED", source.path("status").asText(), "card " + id + " is a tombstone");
                } else {
                    assertEquals(expected.title(), source.path("title").asText(), "title of " + id);
                    assertEquals("PUBLISHED", source.path("status").asText());
                    if (verified.contains(id)) {
                        assertEquals("VERIFIED", source.path("verification").asText(), "verification of " + id);
                    }
                }
            });
        }

        @Override
        public void close() {
            stopped.set(true);
            thread.shutdownNow();
            producer.close(Duration.ofSeconds(5));
        }
    }
}
