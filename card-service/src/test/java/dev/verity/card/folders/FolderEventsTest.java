package dev.verity.card.folders;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.Fixtures;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every change of a collection's folder tree is a change of the collection: one {@code collection.changed} per
 * write, at the next version, carrying the whole new tree (read from the real topic, each record checked against the
 * published schema by the reader).
 */
@QuarkusTest
class FolderEventsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static String create(String collection, String name, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parentId", parent);
        return given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(body)
                .post("/collections/" + collection + "/folders").then().statusCode(201).extract().path("id");
    }

    /** The one event the write published for this collection: its version and its tree as (name, parent, position). */
    private JsonNode onlyEventOf(TestKafka.TopicReader topic, String collection, long version) throws Exception {
        List<ConsumerRecord<String, String>> records = topic.await(r -> collection.equals(r.key()), 1,
                Duration.ofSeconds(20));
        // nothing else for this collection follows: one write, one event
        assertEquals(1, topic.poll().stream().filter(r -> collection.equals(r.key())).count());
        IncomingCloudEvent event = IncomingCloudEvent.from(records.get(0));
        assertEquals(CollectionEventTypes.CHANGED, event.type());
        JsonNode data = mapper.readTree(event.data());
        assertEquals(version, data.get("version").asLong());
        assertEquals(version, data.get("collection").get("version").asLong());
        assertEquals("alice", data.get("actorId").asText());
        return data.get("collection").get("folders");
    }

    private static JsonNode named(JsonNode folders, String name) {
        for (JsonNode folder : folders) {
            if (name.equals(folder.get("name").asText())) {
                return folder;
            }
        }
        throw new AssertionError("no folder " + name + " in " + folders);
    }

    @Test
    void eachFolderCreateRenameMoveAndDeletePublishesOneCollectionChangedWithTheNewTree() throws Exception {
        String collection = Fixtures.collection("alice");
        String billing;
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            billing = create(collection, "Billing", null);
            JsonNode tree = onlyEventOf(topic, collection, 2);
            assertEquals(1, tree.size());
            assertEquals(billing, named(tree, "Billing").get("id").asText());
            assertTrue(named(tree, "Billing").get("parentId").isNull());
            assertEquals(0, named(tree, "Billing").get("position").asInt());
        }
        String refunds;
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            refunds = create(collection, "Refunds", billing);
            JsonNode tree = onlyEventOf(topic, collection, 3);
            assertEquals(2, tree.size());
            assertEquals(billing, named(tree, "Refunds").get("parentId").asText());
        }
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Returns", "parentId", billing)).put("/folders/" + refunds)
                    .then().statusCode(200);
            JsonNode tree = onlyEventOf(topic, collection, 4);
            assertEquals(refunds, named(tree, "Returns").get("id").asText());
            assertEquals(2, tree.size());
        }
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            Map<String, Object> toTop = new HashMap<>();
            toTop.put("name", "Returns");
            toTop.put("parentId", null);
            toTop.put("position", 0);
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(toTop).put("/folders/" + refunds)
                    .then().statusCode(200);
            JsonNode tree = onlyEventOf(topic, collection, 5);
            assertTrue(named(tree, "Returns").get("parentId").isNull());
            assertEquals(0, named(tree, "Returns").get("position").asInt());
            assertEquals(1, named(tree, "Billing").get("position").asInt(), "its sibling moved down one place");
        }
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            given().auth().oauth2(token("alice")).delete("/folders/" + refunds).then().statusCode(204);
            JsonNode tree = onlyEventOf(topic, collection, 6);
            assertEquals(1, tree.size());
            assertEquals(0, named(tree, "Billing").get("position").asInt());
        }
    }

    @Test
    void aFolderChangeBumpsTheCollectionVersionSoAnOlderIfMatchIsRefused() {
        String collection = Fixtures.collection("alice");
        given().auth().oauth2(token("alice")).get("/collections/" + collection).then().header("ETag", "\"1\"");
        create(collection, "Billing", null);
        given().auth().oauth2(token("alice")).get("/collections/" + collection).then().header("ETag", "\"2\"");
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Renamed"))).put("/collections/" + collection)
                .then().statusCode(412).body("currentVersion", equalTo(2));
    }

    @Test
    void aCollectionWithoutFoldersPublishesAnEmptyTreeAndARefusedFolderChangePublishesNothing() throws Exception {
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            String collection = Fixtures.collection("alice");
            JsonNode data = mapper.readTree(IncomingCloudEvent.from(
                    topic.await(r -> collection.equals(r.key()), 1, Duration.ofSeconds(20)).get(0)).data());
            assertTrue(data.get("collection").get("folders").isArray());
            assertEquals(0, data.get("collection").get("folders").size());

            String parent = create(collection, "Parent", null);
            create(collection, "Child", parent);
            topic.await(r -> collection.equals(r.key()), 3, Duration.ofSeconds(20));
            given().auth().oauth2(token("alice")).delete("/folders/" + parent).then().statusCode(409);
            assertEquals(3, topic.poll().stream().filter(r -> collection.equals(r.key())).count());
        }
    }
}
