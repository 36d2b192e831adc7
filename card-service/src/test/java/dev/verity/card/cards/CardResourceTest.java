package dev.verity.card.cards;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.Fixtures;
import dev.verity.events.Topics;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CardResourceTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /** alice owns it; bob and carol are AUTHORs. */
    private static String COLLECTION;

    @BeforeEach
    void collection() {
        if (COLLECTION == null) {
            COLLECTION = Fixtures.collection("alice", "USER:bob:AUTHOR", "USER:carol:AUTHOR");
        }
    }

    @Inject
    io.smallrye.jwt.auth.principal.JWTParser tokens;

    /** Tokens are verified through the platform's cache (issue 27: a tenth of a create's CPU was the RSA check). */
    @Test
    void bearerTokensAreParsedThroughTheVerifiedTokenCache() {
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.verity.platform.security.VerifiedTokenCache.class,
                io.quarkus.arc.ClientProxy.unwrap(tokens));
        // the same token twice: both answered, the second from memory
        String token = TestTokens.user("alice");
        given().auth().oauth2(token).get("/cards?limit=1").then().statusCode(200);
        given().auth().oauth2(token).get("/cards?limit=1").then().statusCode(200);
        given().auth().oauth2(token + "x").get("/cards?limit=1").then().statusCode(401);
    }

    private static Map<String, Object> card(String title) {
        return Fixtures.card(COLLECTION, title);
    }

    @Test
    void createStoresTheCardAndPublishesCardCreatedAsABinaryCloudEvent() throws Exception {
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.CARDS)) {
            Response created = given().auth().oauth2(TestTokens.user("alice"))
                    .contentType(ContentType.JSON).body(card("Refund policy"))
                    .post("/cards");
            created.then().statusCode(201)
                    .header("Location", containsString("/cards/"))
                    .header("ETag", "\"1\"")
                    .body("version", equalTo(1))
                    .body("authorId", equalTo("alice"))
                    .body("verifierId", equalTo("alice"))
                    .body("collectionId", equalTo(COLLECTION))
                    .body("bodyHtml", equalTo("<p>Step one.</p>\n<p><strong>Step two.</strong></p>\n"))
                    .body("verificationIntervalDays", equalTo(90))
                    .body("tags", equalTo(List.of("billing", "faq")));
            String id = created.path("id");

            given().auth().oauth2(TestTokens.user("bob")).get("/cards/" + id)
                    .then().statusCode(200).header("ETag", "\"1\"").body("title", equalTo("Refund policy"));

            ConsumerRecord<String, String> record = topic.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            IncomingCloudEvent event = IncomingCloudEvent.from(record);
            assertEquals("dev.verity.card.created", event.type());
            assertEquals("/card-service", event.source());
            assertEquals(id, event.subject());
            UUID.fromString(event.id());
            JsonNode data = mapper.readTree(event.data());
            assertEquals(id, data.get("cardId").asText());
            assertEquals(1, data.get("cardVersion").asLong());
            assertEquals("alice", data.get("actorId").asText());
            assertEquals("Refund policy", data.get("card").get("title").asText());
        }
    }

    @Test
    void updateWithTheCurrentETagBumpsTheVersionAndPublishesCardUpdated() throws Exception {
        String id = createCard("Shipping times");
        try (TestKafka.TopicReader topic = TestKafka.readFromEnd(Topics.CARDS)) {
            given().auth().oauth2(TestTokens.user("bob")).header("If-Match", "\"1\"")
                    .contentType(ContentType.JSON).body(card("Shipping times (EU)"))
                    .put("/cards/" + id)
                    .then().statusCode(200).header("ETag", "\"2\"")
                    .body("version", equalTo(2)).body("updatedBy", equalTo("bob")).body("authorId", equalTo("alice"));

            IncomingCloudEvent event = IncomingCloudEvent.from(
                    topic.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)).get(0));
            assertEquals("dev.verity.card.updated", event.type());
            JsonNode data = mapper.readTree(event.data());
            assertEquals(2, data.get("cardVersion").asLong());
            assertEquals("Shipping times (EU)", data.get("card").get("title").asText());
        }
    }

    @Test
    void staleIfMatchIs412WithTheCurrentVersionAndChangesNothing() {
        String id = createCard("Warranty");
        given().auth().oauth2(TestTokens.user("bob")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(card("Warranty v2")).put("/cards/" + id).then().statusCode(200);

        given().auth().oauth2(TestTokens.user("carol")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(card("Warranty (carol)"))
                .put("/cards/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412))
                .body("currentVersion", equalTo(2))
                .body("detail", containsString("version 2"));

        given().auth().oauth2(TestTokens.user("carol")).get("/cards/" + id)
                .then().body("title", equalTo("Warranty v2")).body("version", equalTo(2));
    }

    @Test
    void updateWithoutIfMatchIs428() {
        String id = createCard("Password reset");
        given().auth().oauth2(TestTokens.user("bob")).contentType(ContentType.JSON).body(card("x"))
                .put("/cards/" + id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
    }

    @Test
    void invalidCardIs400NamingEachFieldAndNothingIsWritten() {
        String longTitle = "x".repeat(201);
        long before = countCards();
        long outboxBefore = countOutbox();
        given().auth().oauth2(TestTokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("collectionId", COLLECTION, "title", longTitle, "body", "b", "tags", List.of("ok", "<script>")))
                .post("/cards")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://verity.dev/problems/validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("tags[1]"));
        assertEquals(before, countCards());
        assertEquals(outboxBefore, countOutbox());
    }

    @Test
    void malformedJsonIs400WithAProblem() {
        given().auth().oauth2(TestTokens.user("alice")).contentType(ContentType.JSON).body("{\"title\": ")
                .post("/cards")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"));
        given().auth().oauth2(TestTokens.user("alice")).contentType(ContentType.JSON)
                .body("{\"collectionId\": \"" + COLLECTION + "\", \"title\": \"t\", \"body\": \"b\", \"verificationIntervalDays\": \"soon\"}")
                .post("/cards")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("verificationIntervalDays"));
    }

    @Test
    void missingOrForgedTokenIs401() {
        given().contentType(ContentType.JSON).body(card("t")).post("/cards")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2("not.a.jwt").get("/cards/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownCardIs404AndBadIdIs404() {
        given().auth().oauth2(TestTokens.user("alice")).get("/cards/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("does not exist"));
        given().auth().oauth2(TestTokens.user("alice")).get("/cards/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsEveryOperation() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/cards'.post.summary", equalTo("Create a card"))
                .body("paths.'/cards/{id}'.put.responses.'412'.description", containsString("currentVersion"))
                .body("components.schemas.Problem.properties.detail.examples[0]", equalTo("title: must not be blank"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private String createCard(String title) {
        String id = given().auth().oauth2(TestTokens.user("alice")).contentType(ContentType.JSON).body(card(title))
                .post("/cards").then().statusCode(201).extract().path("id");
        assertNotEquals(null, id);
        return id;
    }

    private long countCards() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM card").getSingleResult()).longValue());
    }

    private long countOutbox() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()).longValue());
    }
}
