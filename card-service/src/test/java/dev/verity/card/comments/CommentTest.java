package dev.verity.card.comments;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.Fixtures;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Comments with @mentions: resolve, reopen, edit, delete, each published on verity.comments. */
@QuarkusTest
class CommentTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void commentsMentionDirectoryUsersAndGoThroughResolveReopenEditDelete() throws Exception {
        String reader = Fixtures.unique("reader");
        String outsider = Fixtures.unique("outsider");
        Fixtures.user("alice");
        Fixtures.user(outsider);
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        String card = Fixtures.cardId(token("alice"), collection, "Commented card");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COMMENTS)) {
            String comment = given().auth().oauth2(token(reader)).contentType(ContentType.JSON)
                    .body(Map.of("body", "@alice is this still true? (not @nobody-here, nor mail@example.com, nor @"
                            + outsider + " who cannot see the card)"))
                    .post("/cards/" + card + "/comments").then().statusCode(201)
                    .body("mentions", equalTo(List.of("alice"))).body("status", equalTo("OPEN"))
                    .extract().path("id");
            String base = "/cards/" + card + "/comments/" + comment;
            given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(Map.of("body", "hijack"))
                    .put(base).then().statusCode(404);
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("body", "not mine"))
                    .put(base).then().statusCode(403);
            given().auth().oauth2(token(reader)).contentType(ContentType.JSON)
                    .body(Map.of("body", "@alice @" + reader + " still true?")).put(base).then().statusCode(200)
                    .body("version", equalTo(2));
            given().auth().oauth2(token("alice")).post(base + "/resolve").then().statusCode(200)
                    .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("alice"));
            given().auth().oauth2(token("alice")).post(base + "/resolve").then().statusCode(409);
            given().auth().oauth2(token(reader)).post(base + "/reopen").then().statusCode(200).body("status", equalTo("OPEN"));
            given().auth().oauth2(token("alice")).get("/cards/" + card + "/comments?status=OPEN").then()
                    .body("items.id", equalTo(List.of(comment)));
            given().auth().oauth2(token("alice")).delete(base).then().statusCode(204);

            List<ConsumerRecord<String, String>> records = topic.await(r -> card.equals(r.key()), 5, Duration.ofSeconds(20));
            assertEquals(List.of("dev.verity.comment.added", "dev.verity.comment.edited", "dev.verity.comment.resolved", "dev.verity.comment.reopened", "dev.verity.comment.deleted"),
                    records.stream().map(r -> IncomingCloudEvent.from(r).type()).toList());
            JsonNode added = mapper.readTree(IncomingCloudEvent.from(records.get(0)).data());
            assertEquals("Commented card", added.get("cardTitle").asText());
            assertEquals(List.of("alice"), mapper.convertValue(added.get("newMentions"), List.class));
            JsonNode edited = mapper.readTree(IncomingCloudEvent.from(records.get(1)).data());
            assertEquals(List.of(reader), mapper.convertValue(edited.get("newMentions"), List.class));
        }
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("body", " "))
                .post("/cards/" + card + "/comments").then().statusCode(400).body("errors[0].field", equalTo("body"));
    }
}
