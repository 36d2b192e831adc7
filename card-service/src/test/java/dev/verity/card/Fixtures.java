package dev.verity.card;

import static io.restassured.RestAssured.given;

import dev.verity.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sets up directory entries, collections and cards through the API, as a client would. */
public final class Fixtures {

    public static final String ADMIN = TestTokens.admin("admin");

    private Fixtures() {
    }

    public static String token(String user, String... groups) {
        return TestTokens.user(user, groups);
    }

    /** A fresh id, so tests never depend on what earlier runs left in the test database. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void user(String id) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "User " + id, "email", id + "@example.com"))
                .put("/directory/users/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void group(String id, String... members) {
        for (String member : members) {
            user(member);
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Group " + id, "memberIds", List.of(members)))
                .put("/directory/groups/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** A collection owned by {@code owner}, with extra grants given as "USER:bob:AUTHOR" or "GROUP:support:READ_ONLY". */
    public static String collection(String owner, String... grants) {
        List<Map<String, String>> access = new ArrayList<>();
        for (String grant : grants) {
            String[] parts = grant.split(":");
            if (parts[0].equals("USER")) {
                user(parts[1]);
            }
            access.add(Map.of("principalType", parts[0], "principalId", parts[1], "role", parts[2]));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("Collection"));
        body.put("access", access);
        return given().auth().oauth2(token(owner)).contentType(ContentType.JSON).body(body)
                .post("/collections").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> card(String collectionId, String title) {
        Map<String, Object> card = new HashMap<>();
        card.put("collectionId", collectionId);
        card.put("title", title);
        card.put("body", "Step one.\n\n**Step two.**");
        card.put("tags", List.of("Billing", "billing", "FAQ"));
        return card;
    }

    public static Response createCard(String token, String collectionId, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(card(collectionId, title)).post("/cards");
    }

    public static String cardId(String token, String collectionId, String title) {
        return createCard(token, collectionId, title).then().statusCode(201).extract().path("id");
    }
}
