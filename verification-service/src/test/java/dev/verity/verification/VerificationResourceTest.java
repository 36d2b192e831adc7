package dev.verity.verification;

import static dev.verity.verification.CardEventFeed.card;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerificationResourceTest {

    @Test
    void listFiltersByVerifierStatusAndDueDateSoonestFirstAndShowsOnlyReadableCards() {
        // a verifier and a collection of its own, so records from earlier runs and other tests never match
        String verifier = "vic-" + UUID.randomUUID();
        String token = TestTokens.user(verifier);
        UUID collection = UUID.randomUUID();
        TestAccessEvents.collection(collection, 1, "List test", TestAccessEvents.grant("USER", verifier, "COLLECTION_OWNER"),
                TestAccessEvents.grant("USER", "someone", "READ_ONLY"));
        CardEventFeed.awaitCollection(collection, verifier);
        UUID dueInFebruary = UUID.randomUUID();
        UUID dueInApril = UUID.randomUUID();
        UUID dueInJanuary = UUID.randomUUID();
        Instant created = Instant.parse("2026-01-10T09:00:00Z");
        // written by the verifier, so each starts VERIFIED
        CardEventFeed.created(card(dueInApril, 1, "April", verifier, verifier, 90, created, "PUBLISHED", null, collection));
        CardEventFeed.created(card(dueInFebruary, 1, "February", verifier, verifier, 30, created, "PUBLISHED", null, collection));
        CardEventFeed.created(card(dueInJanuary, 1, "January", verifier, verifier, 7, created, "PUBLISHED", null,
                collection));
        // verified by the same verifier, but in the shared collection, which neither reader can read
        CardEventFeed.created(card(UUID.randomUUID(), 1, "Hidden", verifier, verifier, 7, created, "PUBLISHED", null,
                CardEventFeed.COLLECTION));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("verifierId", "me")
                .get("/verifications")
                .then().statusCode(200)
                .body("items.cardId", equalTo(List.of(dueInJanuary.toString(), dueInFebruary.toString(),
                        dueInApril.toString())))
                .body("items.nextDueAt", equalTo(List.of("2026-01-17T09:00:00Z", "2026-02-09T09:00:00Z",
                        "2026-04-10T09:00:00Z"))));

        given().auth().oauth2(TestTokens.user("someone"))
                .queryParam("verifierId", verifier).queryParam("dueBefore", "2026-04-01T00:00:00Z")
                .get("/verifications")
                .then().statusCode(200)
                .body("items.cardTitle", equalTo(List.of("January", "February")));
        given().auth().oauth2(token)
                .queryParam("verifierId", "me").queryParam("status", "VERIFIED").queryParam("limit", 1)
                .get("/verifications")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].cardTitle", equalTo("January"));
        // the deprecated name still filters, for a deprecation period (README "Contracts")
        given().auth().oauth2(TestTokens.user("someone"))
                .queryParam("verifier", verifier).queryParam("dueBefore", "2026-04-01T00:00:00Z")
                .get("/verifications")
                .then().statusCode(200)
                .body("items.cardTitle", equalTo(List.of("January", "February")));
        given().auth().oauth2(token)
                .queryParam("verifierId", "me").queryParam("status", "UNVERIFIED")
                .get("/verifications")
                .then().statusCode(200)
                .body("items", empty());
        // someone without a role in the collection sees none of it
        given().auth().oauth2(TestTokens.user("stranger-" + UUID.randomUUID()))
                .queryParam("verifier", verifier)
                .get("/verifications")
                .then().statusCode(200)
                .body("items", empty());
        given().auth().oauth2(TestTokens.user("stranger")).get("/verifications/" + dueInJanuary)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badQueryParametersAre400ProblemsNamingTheParameter() {
        assertInvalid("status", "MAYBE");
        assertInvalid("state", "DELETED");
        assertInvalid("limit", "0");
        assertInvalid("limit", "201");
        assertInvalid("limit", "fifty");
        assertInvalid("dueBefore", "tomorrow");
        assertInvalid("verifierId", "x".repeat(101));
    }

    @Test
    void unknownCardIs404Problem() {
        given().auth().oauth2(TestTokens.user("alice")).get("/verifications/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("does not exist"));
        given().auth().oauth2(TestTokens.user("alice")).get("/verifications/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void missingOrForgedTokenIs401() {
        given().get("/verifications")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().get("/verifications/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").get("/verifications")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsEveryOperationAndReadinessCoversDatabaseAndKafka() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/verifications'.get.summary", equalTo("List verifications"))
                .body("paths.'/verifications'.get.responses.'400'.$ref", equalTo("#/components/responses/BadRequest"))
                .body("components.responses.BadRequest.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/verifications/{cardId}'.get.responses.'404'.description", containsString("No record"))
                .body("components.schemas.Verification.properties.nextDueAt.examples[0]",
                        equalTo("2026-04-10T09:00:00Z"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Kafka")));
    }

    private static void assertInvalid(String parameter, String value) {
        given().auth().oauth2(TestTokens.user("alice")).queryParam(parameter, value)
                .get("/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://verity.dev/problems/validation"))
                .body("errors[0].field", equalTo(parameter))
                .body("detail", startsWith(parameter + ": "));
    }
}
