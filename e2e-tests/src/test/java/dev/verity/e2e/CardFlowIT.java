package dev.verity.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton, as a user and an integration see it: the four services run as separate processes from
 * their packaged jars (instance "e2e": own databases, consumer groups and search alias, ports 18081-18084), and a
 * card created over HTTP reaches search, verification and notification through Kafka. The processes are started once
 * for the suite ({@link E2eSystem}).
 */
@ExtendWith(E2eSystem.class)
class CardFlowIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private static VeritySystem system;
    private static String alice;
    private static String bob;
    private static String admin;

    @BeforeAll
    static void startServices() {
        LocalStack stack = LocalStack.fromEnvironment();
        system = E2eSystem.system();
        DevKeys keys = DevKeys.ensure(stack.config().home());
        alice = keys.mintToken("alice-e2e", "Alice", "alice@example.com", Set.of(), Duration.ofHours(1));
        bob = keys.mintToken("bob-e2e", "Bob", "bob@example.com", Set.of(), Duration.ofHours(1));
        admin = keys.mintToken("admin-e2e", "Admin", "admin@example.com", Set.of(DevKeys.ADMIN_GROUP), Duration.ofHours(1));
    }

    @Test
    void everyServiceRefusesATokenNotIssuedForVerity() {
        String foreign = DevKeys.ensure(LocalStack.fromEnvironment().config().home()).token("alice-e2e")
                .audience("another-app").sign();
        given().baseUri(system.baseUrl("card-service")).auth().oauth2(foreign).get("/collections").then().statusCode(401);
        given().baseUri(system.baseUrl("search-service")).auth().oauth2(foreign).queryParam("q", "x").get("/search")
                .then().statusCode(401);
        given().baseUri(system.baseUrl("verification-service")).auth().oauth2(foreign).get("/verifications")
                .then().statusCode(401);
        given().baseUri(system.baseUrl("notification-service")).auth().oauth2(foreign).get("/notifications")
                .then().statusCode(401);
    }

    @Test
    void aCreatedCardIsSearchableVerifiableAndAnnouncedAndItsUpdateFollows() {
        String word = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String cards = system.baseUrl("card-service");
        String search = system.baseUrl("search-service");
        String verification = system.baseUrl("verification-service");
        String notification = system.baseUrl("notification-service");

        given().baseUri(cards).auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Bob"))
                .put("/directory/users/bob-e2e").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String collection = given().baseUri(cards).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E " + word, "access",
                        List.of(Map.of("principalType", "USER", "principalId", "bob-e2e", "role", "AUTHOR"))))
                .post("/collections")
                .then().statusCode(201).extract().path("id");
        String id = given().baseUri(cards).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "title", "Gift card balance", "body", "Check the balance under Account. Code " + word,
                        "tags", List.of("billing")))
                .post("/cards")
                .then().statusCode(201).header("ETag", "\"1\"").extract().path("id");

        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(search).auth().oauth2(bob)
                .queryParam("q", word).get("/search")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo(id))
                .body("hits[0].snippet", containsString("<mark>" + word + "</mark>")));

        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(verification).auth().oauth2(alice)
                .get("/verifications/" + id)
                .then().statusCode(200)
                .body("verifierId", equalTo("alice-e2e"))
                .body("intervalDays", equalTo(90))
                .body("status", equalTo("VERIFIED")));

        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(notification).auth().oauth2(alice)
                .get("/notifications")
                .then().statusCode(200)
                .body("items.cardId", hasItem(id)));
        given().baseUri(notification).auth().oauth2(bob).get("/notifications")
                .then().statusCode(200).body("items.cardId", org.hamcrest.Matchers.not(hasItem(id)));

        given().baseUri(cards).auth().oauth2(bob).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("title", "Gift card balance and expiry", "body", "Balances expire after 5 years. Code "
                        + word))
                .put("/cards/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");

        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(search).auth().oauth2(bob)
                .queryParam("q", word).get("/search")
                .then().body("hits[0].version", equalTo(2))
                .body("hits[0].title", equalTo("Gift card balance and expiry")));
        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(verification).auth().oauth2(alice)
                .get("/verifications/" + id)
                .then().body("cardVersion", equalTo(2)).body("cardTitle", equalTo("Gift card balance and expiry")));

        // a stale edit is refused and never reaches the read models
        given().baseUri(cards).auth().oauth2(alice).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("title", "stale", "body", "stale " + word))
                .put("/cards/" + id)
                .then().statusCode(412).body("currentVersion", equalTo(2));
    }

    @Test
    void everyServiceIsReadyAndServesItsOpenApiDocument() {
        for (VeritySystem.Service service : VeritySystem.SERVICES) {
            String url = system.baseUrl(service.name());
            given().baseUri(url).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(url).get("/q/openapi?format=json").then().statusCode(200)
                    .body("info.title", containsString(service.name()));
        }
    }
}
