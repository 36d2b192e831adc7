package dev.verity.card.cards;

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

@QuarkusTest
class HistoryTest {

    private static Map<String, Object> edit(String collection, String body, String summary) {
        Map<String, Object> card = Fixtures.card(collection, "Refund times");
        card.put("body", body);
        card.put("summary", summary);
        return card;
    }

    @Test
    void everyChangeIsAVersionThatCanBeReadDiffedAndRestored() {
        String collection = Fixtures.collection("alice", "USER:bob:AUTHOR");
        Map<String, Object> first = edit(collection, "Cards: 5 days\nPayPal: 1 day\n", null);
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(first).post("/cards")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("bob")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(edit(collection, "Cards: 5 days\nPayPal: instant\n", "PayPal is instant now"))
                .put("/cards/" + id).then().statusCode(200);

        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(2, 1)))
                .body("items[0].authorId", equalTo("bob"))
                .body("items[0].summary", equalTo("PayPal is instant now"))
                .body("items[1].change", equalTo("CREATED"));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions/1").then().statusCode(200)
                .body("body", equalTo("Cards: 5 days\nPayPal: 1 day\n"));

        String unified = given().auth().oauth2(token("alice")).get("/cards/" + id + "/diff?from=1&to=2").then()
                .statusCode(200).body("added", equalTo(1)).body("removed", equalTo(1))
                .body("lines.find { it.kind == 'REMOVED' }.text", equalTo("PayPal: 1 day"))
                .extract().path("unified");
        assertTrue(unified.contains("-PayPal: 1 day\n+PayPal: instant"), unified);

        given().auth().oauth2(token("alice")).header("If-Match", "\"2\"").post("/cards/" + id + "/versions/1/restore")
                .then().statusCode(200).header("ETag", "\"3\"").body("body", equalTo("Cards: 5 days\nPayPal: 1 day\n"));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions?limit=1").then()
                .body("items[0].change", equalTo("RESTORED_VERSION")).body("items[0].summary", equalTo("Restored version 1"))
                .body("nextCursor", equalTo("3"));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions?limit=1&cursor=3").then()
                .body("items[0].version", equalTo(2));
        // the deprecated name of the cursor still works for a deprecation period (README "Contracts")
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions?limit=1&before=3").then()
                .body("items[0].version", equalTo(2));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions?limit=1&cursor=3&before=2").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("cursor"));
        given().auth().oauth2(token("alice")).header("If-Match", "\"3\"").post("/cards/" + id + "/versions/3/restore")
                .then().statusCode(409);
    }

    @Test
    void unknownVersionsAndBadParametersAreClear() {
        String collection = Fixtures.collection("alice");
        String id = Fixtures.cardId(token("alice"), collection, "Versioned");
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions/9").then().statusCode(404)
                .body("detail", containsString("version 9"));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/diff?from=1").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().auth().oauth2(token("alice")).get("/cards/" + id + "/versions/zero").then().statusCode(400);
        given().auth().oauth2(token("alice")).post("/cards/" + id + "/versions/1/restore").then().statusCode(428);
    }
}
