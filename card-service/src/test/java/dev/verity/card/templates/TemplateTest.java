package dev.verity.card.templates;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates: the built-in one, and those people make. */
@QuarkusTest
class TemplateTest {

    private static final String FEATURE_BREAKDOWN = "00000000-0000-0000-0000-00000000f001";

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
}
