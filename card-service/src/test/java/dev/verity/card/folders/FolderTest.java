package dev.verity.card.folders;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.verity.card.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FolderTest {

    private static String folder(String collection, String name, String parent, Integer position) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parentId", parent);
        body.put("position", position);
        return given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(body)
                .post("/collections/" + collection + "/folders").then().statusCode(201).extract().path("id");
    }

    @Test
    void foldersNestAndKeepTheirOrder() {
        String collection = Fixtures.collection("alice");
        String billing = folder(collection, "Billing", null, null);
        String shipping = folder(collection, "Shipping", null, null);
        String first = folder(collection, "First", null, 0);
        String refunds = folder(collection, "Refunds", billing, null);

        given().auth().oauth2(token("alice")).get("/collections/" + collection + "/folders").then().statusCode(200)
                .body("name", equalTo(List.of("First", "Billing", "Shipping")))
                .body("position", equalTo(List.of(0, 1, 2)))
                .body("[1].children.name", equalTo(List.of("Refunds")));

        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", "Refunds", "parentId", shipping, "position", 0))
                .put("/folders/" + refunds).then().statusCode(200).body("parentId", equalTo(shipping));
        given().auth().oauth2(token("alice")).get("/collections/" + collection + "/folders").then()
                .body("[1].children", equalTo(List.of())).body("[2].children.name", equalTo(List.of("Refunds")));
        given().auth().oauth2(token("alice")).delete("/folders/" + first).then().statusCode(204);
        given().auth().oauth2(token("alice")).get("/collections/" + collection + "/folders").then()
                .body("name", equalTo(List.of("Billing", "Shipping"))).body("position", equalTo(List.of(0, 1)));
    }

    @Test
    void aFolderCannotMoveIntoItselfAndNonEmptyFoldersStay() {
        String collection = Fixtures.collection("alice");
        String parent = folder(collection, "Parent", null, null);
        String child = folder(collection, "Child", parent, null);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", "Parent", "parentId", child))
                .put("/folders/" + parent).then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        given().auth().oauth2(token("alice")).delete("/folders/" + parent).then().statusCode(409)
                .body("folders", equalTo(1));
        Map<String, Object> card = Fixtures.card(collection, "In child");
        card.put("folderIds", List.of(child));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards").then().statusCode(201);
        given().auth().oauth2(token("alice")).delete("/folders/" + child).then().statusCode(409).body("cards", equalTo(1));
        String other = Fixtures.collection("alice");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", "X", "parentId", parent))
                .post("/collections/" + other + "/folders").then().statusCode(400);
    }

    @Test
    void readersSeeFoldersButOnlyAuthorsChangeThem() {
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        folder(collection, "Visible", null, null);
        given().auth().oauth2(token(reader)).get("/collections/" + collection + "/folders").then().statusCode(200)
                .body("name", equalTo(List.of("Visible")));
        given().auth().oauth2(token(reader)).contentType(ContentType.JSON).body(Map.of("name", "Nope"))
                .post("/collections/" + collection + "/folders").then().statusCode(403);
        given().auth().oauth2(token("stranger")).get("/collections/" + collection + "/folders").then().statusCode(404);
    }
}
