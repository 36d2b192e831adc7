package dev.verity.card;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Templates, comments with @mentions, and capture from chat. */
@QuarkusTest
class CollaborationTest {

    private static final String FEATURE_BREAKDOWN = "00000000-0000-0000-0000-00000000f001";

    @Inject
    ObjectMapper mapper;

    @Test
    void builtInFeatureBreakdownTemplateCreatesADraftCardAndCannotBeChanged() {
        given().auth().oauth2(token("bob")).get("/templates").then().statusCode(200)
                .body("items[0].name", equalTo("Feature Breakdown")).body("items[0].builtIn", equalTo(true));
        String collection = Fixtures.collection("alice");
        String body = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "title", "Feature Breakdown: Shared Inbox", "tags", List.of("inbox")))
                .post("/templates/" + FEATURE_BREAKDOWN + "/cards").then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("tags", equalTo(List.of("feature-breakdown", "inbox")))
                .extract().path("body");
        for (String section : List.of("## Overview", "## Release date", "## Availability and plans",
                "## Customer-facing wording", "## FAQs", "## Internal notes", "## Owners")) {
            assertTrue(body.contains(section), section);
        }
        given().auth().oauth2(ADMIN).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Feature Breakdown", "body", "x")).put("/templates/" + FEATURE_BREAKDOWN)
                .then().statusCode(403).body("detail", containsString("built in"));
        given().auth().oauth2(ADMIN).delete("/templates/" + FEATURE_BREAKDOWN).then().statusCode(403);
    }

    @Test
    void templatesCanBeCreatedChangedByTheirCreatorAndDeleted() {
        String name = Fixtures.unique("Known issue");
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", name, "body", "## Symptoms\n\n## Workaround", "title", "Known issue: ..."))
                .post("/templates").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        given().auth().oauth2(token("bob")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", name, "body", "hijack")).put("/templates/" + id).then().statusCode(403);
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", name, "body", "## Symptoms\n\n## Workaround\n\n## Fix")).put("/templates/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", name, "body", "dup"))
                .post("/templates").then().statusCode(409);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Bad tags"), "body", "x", "tags", List.of("<script>")))
                .post("/templates").then().statusCode(400).body("errors[0].field", equalTo("tags[0]"));
        given().auth().oauth2(token("alice")).delete("/templates/" + id).then().statusCode(204);
        given().auth().oauth2(token("alice")).get("/templates/" + id).then().statusCode(404);
    }

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
            assertEquals(List.of("comment.added", "comment.edited", "comment.resolved", "comment.reopened", "comment.deleted"),
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

    @Test
    void slackThreadBecomesADraftCardWithItsPermalinkAsSource() {
        String collection = Fixtures.collection("alice");
        String permalink = "https://acme.slack.com/archives/C024BE91L/p1700000000123456";
        Map<String, Object> message = Map.of(
                "user", "U024BE7LG", "channel", "support-billing", "ts", "1700000000.123456", "permalink", permalink,
                "text", "Are *PayPal* refunds instant now? <@U024BE7LH|maria>",
                "replies", List.of(Map.of("user", "maria", "ts", "1700000100.000200",
                        "text", "Yes, since May: <https://help.example.com/paypal|help page> &amp; no fee")));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "message", message)).post("/captures")
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("title", equalTo("Are PayPal refunds instant now? @maria"))
                .body("sourceUrl", equalTo(permalink))
                .body("body", containsString("Are **PayPal** refunds instant now? @maria"))
                .body("body", containsString("[help page](https://help.example.com/paypal) & no fee"))
                .body("body", containsString("**maria** · 2023-11-14 22:15 UTC"))
                .body("bodyHtml", containsString("<strong>PayPal</strong>"));
    }

    @Test
    void captureWithABadTimestampOrNoCollectionIs400() {
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", Fixtures.collection("alice"),
                        "message", Map.of("user", "U1", "text", "hi", "ts", "yesterday")))
                .post("/captures").then().statusCode(400).body("errors[0].field", equalTo("message.ts"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("message", Map.of("user", "U1", "text", "hi", "ts", "1700000000.1")))
                .post("/captures").then().statusCode(400).body("errors[0].field", equalTo("collectionId"));
    }
}
