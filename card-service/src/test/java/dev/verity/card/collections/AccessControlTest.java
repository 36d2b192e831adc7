package dev.verity.card.collections;

import static dev.verity.card.Fixtures.ADMIN;
import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
import org.junit.jupiter.api.Test;

/** Roles per collection: READ_ONLY < AUTHOR < COLLECTION_OWNER, directly or through groups; org admins everywhere. */
@QuarkusTest
class AccessControlTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void readOnlyMemberReadsAndCommentsButCannotEditAndOutsidersSeeNothing() {
        String reader = Fixtures.unique("reader");
        String outsider = Fixtures.unique("outsider");
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        String id = Fixtures.cardId(token("alice"), collection, "Roaming charges");

        given().auth().oauth2(token(reader)).get("/cards/" + id).then().statusCode(200);
        given().auth().oauth2(token(reader)).contentType(ContentType.JSON).body(Map.of("body", "Is this still right?"))
                .post("/cards/" + id + "/comments").then().statusCode(201);
        given().auth().oauth2(token(reader)).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Fixtures.card(collection, "Edited")).put("/cards/" + id)
                .then().statusCode(403).contentType("application/problem+json")
                .body("requiredRole", equalTo("AUTHOR")).body("yourRole", equalTo("READ_ONLY"));
        Fixtures.createCard(token(reader), collection, "New").then().statusCode(403);

        given().auth().oauth2(token(outsider)).get("/cards/" + id)
                .then().statusCode(404).body("detail", containsString("does not exist"));
        given().auth().oauth2(token(outsider)).get("/collections/" + collection).then().statusCode(404);
        given().auth().oauth2(token(outsider)).get("/cards?collectionId=" + collection)
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(token(outsider)).get("/collections")
                .then().statusCode(200).body("items.id", not(hasItem(collection)));
    }

    @Test
    void highestRoleWinsAcrossDirectAndGroupGrants() {
        String person = Fixtures.unique("dana");
        String experts = Fixtures.unique("experts");
        Fixtures.group(experts, person);
        String collection = Fixtures.collection("alice", "USER:" + person + ":READ_ONLY", "GROUP:" + experts + ":AUTHOR");

        Fixtures.createCard(token(person), collection, "Created through group role").then().statusCode(201);
        given().auth().oauth2(token(person)).get("/collections/" + collection)
                .then().statusCode(200).body("yourRole", equalTo("AUTHOR"));
    }

    @Test
    void aTokenGroupCountsOnlyThroughTheGroupMapping() {
        // the test profile maps the identity provider's group "idp-support" to directory group "idp-mapped-support"
        Fixtures.group("idp-mapped-support");
        String collection = Fixtures.collection("alice", "GROUP:idp-mapped-support:AUTHOR");

        Fixtures.createCard(token(Fixtures.unique("erin"), "idp-support"), collection, "Via mapped token group")
                .then().statusCode(201);
        // a token group named like the directory group (or anything else unmapped) is only a name
        String mallory = token(Fixtures.unique("mallory"), "idp-mapped-support", "some-other-idp-group");
        given().auth().oauth2(mallory).get("/collections/" + collection).then().statusCode(404);
        Fixtures.createCard(mallory, collection, "Via unmapped token group").then().statusCode(404);
    }

    @Test
    void onlyOwnersChangeSettingsAndAccessAndAnOwnerAlwaysRemains() throws Exception {
        String author = Fixtures.unique("author");
        String collection = Fixtures.collection("alice", "USER:" + author + ":AUTHOR");

        given().auth().oauth2(token(author)).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed")).put("/collections/" + collection).then().statusCode(403);
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(List.of(Map.of("principalType", "USER", "principalId", author, "role", "AUTHOR")))
                .put("/collections/" + collection + "/access")
                .then().statusCode(400).body("detail", containsString("COLLECTION_OWNER"));

        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.COLLECTIONS)) {
            given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                    .body(List.of(Map.of("principalType", "USER", "principalId", author, "role", "COLLECTION_OWNER")))
                    .put("/collections/" + collection + "/access")
                    .then().statusCode(200).header("ETag", "\"2\"");
            IncomingCloudEvent event = IncomingCloudEvent.from(
                    topic.await(r -> collection.equals(r.key()), 1, Duration.ofSeconds(20)).get(0));
            assertEquals("dev.verity.collection.changed", event.type());
            JsonNode access = mapper.readTree(event.data()).get("collection").get("access");
            assertEquals(1, access.size());
            assertEquals(author, access.get(0).get("principalId").asText());
        }
        // alice is no longer on the list: the collection is now invisible to her
        given().auth().oauth2(token("alice")).get("/collections/" + collection).then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/collections/" + collection).then().statusCode(200)
                .body("yourRole", equalTo("COLLECTION_OWNER"));
    }

    @Test
    void grantsMustNameKnownPrincipalsAndIntervalsComeFromTheMenu() {
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Bad"), "defaultVerificationIntervalDays", 45,
                        "access", List.of(Map.of("principalType", "GROUP", "principalId", "nobody-knows", "role", "AUTHOR"))))
                .post("/collections").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Bad"), "defaultVerificationIntervalDays", 45))
                .post("/collections").then().statusCode(400)
                .body("errors[0].field", equalTo("defaultVerificationIntervalDays"))
                .body("detail", containsString("[7, 14, 30, 90, 180, 365]"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Bad"), "color", "red"))
                .post("/collections").then().statusCode(400).body("errors[0].field", equalTo("color"));
    }

    @Test
    void collectionDefaultsFlowIntoNewCards() {
        String experts = Fixtures.unique("verifiers");
        Fixtures.group(experts, "alice");
        String collection = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Defaults"), "defaultVerifierId", experts,
                        "defaultVerificationIntervalDays", 30, "color", "#1F77B4",
                        "access", List.of(Map.of("principalType", "GROUP", "principalId", experts,
                                "role", "READ_ONLY"))))
                .post("/collections").then().statusCode(201).body("color", equalTo("#1f77b4"))
                .extract().path("id");
        Fixtures.createCard(token("alice"), collection, "Defaults").then().statusCode(201)
                .body("verifierId", equalTo(experts)).body("verificationIntervalDays", equalTo(30))
                .body("ownerId", equalTo("alice"));
    }

    @Test
    void aVerifierWhoMayNotReadTheCollectionIsA400NamingTheField() {
        String outsider = Fixtures.unique("outsider");
        Fixtures.user(outsider);
        String strangers = Fixtures.unique("strangers");
        Fixtures.group(strangers, "bob");
        String insiders = Fixtures.unique("insiders");
        Fixtures.group(insiders, "carol");
        String collection = Fixtures.collection("alice", "GROUP:" + insiders + ":READ_ONLY");

        for (String verifier : List.of(outsider, strangers)) {
            Map<String, Object> card = Fixtures.card(collection, "Told what they may not read");
            card.put("verifierId", verifier);
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("verifierId"))
                    .body("errors[0].message", containsString("may not read collection " + collection));
        }
        // a group granted a role, a member of it, and the author herself may verify
        for (String verifier : List.of(insiders, "carol", "alice")) {
            Map<String, Object> card = Fixtures.card(collection, "Verified by " + verifier);
            card.put("verifierId", verifier);
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(card).post("/cards").then()
                    .statusCode(201).body("verifierId", equalTo(verifier));
        }
        // changing the verifier of an existing card: the same rule
        String id = Fixtures.cardId(token("alice"), collection, "Verifier changes");
        Map<String, Object> edit = Fixtures.card(collection, "Verifier changes");
        edit.put("verifierId", outsider);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(edit)
                .put("/cards/" + id).then().statusCode(400).body("errors[0].field", equalTo("verifierId"));

        // a collection's default verifier too, on creation and on change
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Defaults"), "defaultVerifierId", strangers))
                .post("/collections").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("defaultVerifierId"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("name", Fixtures.unique("Defaults"), "defaultVerifierId", outsider))
                .put("/collections/" + collection).then().statusCode(400)
                .body("errors[0].field", equalTo("defaultVerifierId"));
    }

    @Test
    void onlyAnAdminDeletesAndOnlyAnEmptyCollectionWithItsFolders() {
        String collection = Fixtures.collection("alice");
        String parent = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", "Top"))
                .post("/collections/" + collection + "/folders").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("name", "Nested", "parentId", parent))
                .post("/collections/" + collection + "/folders").then().statusCode(201);
        String card = Fixtures.cardId(token("alice"), collection, "Keeps the collection");

        given().auth().oauth2(token("alice")).delete("/collections/" + collection).then().statusCode(403);
        given().auth().oauth2(ADMIN).delete("/collections/" + collection).then().statusCode(409)
                .body("cards", equalTo(1));
        given().auth().oauth2(token("alice")).header("If-Match", "\"1\"").post("/cards/" + card + "/archive")
                .then().statusCode(200);
        given().auth().oauth2(ADMIN).delete("/cards/" + card).then().statusCode(204);
        given().auth().oauth2(ADMIN).delete("/collections/" + collection).then().statusCode(204);
        given().auth().oauth2(ADMIN).get("/collections/" + collection).then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/folders/" + parent).then().statusCode(404);
    }

    @Test
    void duplicateCollectionNameAmongYourOwnIs409() {
        String name = Fixtures.unique("Dup");
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/collections").then().statusCode(201);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .post("/collections").then().statusCode(409).contentType("application/problem+json");
    }
}
