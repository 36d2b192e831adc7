package dev.verity.notification.webhooks;

import static dev.verity.notification.webhooks.WebhookFixtures.INTEGRATOR_GROUP;
import static dev.verity.notification.webhooks.WebhookFixtures.admin;
import static dev.verity.notification.webhooks.WebhookFixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.verity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The subscription API: who may use it, what it answers, and the problems bad input gets. */
@QuarkusTest
class WebhookSubscriptionsApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String URL = "http://127.0.0.1:9/hook";

    private static Map<String, Object> body(String url, List<String> types) {
        return Map.of("url", url, "eventTypes", types);
    }

    @Test
    void theSecretIsShownAtCreationAndNeverAgain() {
        String secret = post(admin(), "/webhooks/subscriptions", Map.of("url", URL, "eventTypes",
                List.of("dev.verity.card.created", "dev.verity.comment.added"), "description", "Zendesk"))
                .statusCode(201)
                .header("Location", startsWith("/webhooks/subscriptions/"))
                .body("subscription.active", equalTo(true))
                .body("subscription.eventTypes", equalTo(List.of("dev.verity.card.created", "dev.verity.comment.added")))
                .body("subscription.ownerId", equalTo(WebhookFixtures.ADMIN))
                .extract().path("secret");
        String id = given().auth().oauth2(admin()).get("/webhooks/subscriptions").then().statusCode(200)
                .extract().path("items.find { it.description == 'Zendesk' }.id");
        org.junit.jupiter.api.Assertions.assertTrue(secret.startsWith("whsec_"));
        org.junit.jupiter.api.Assertions.assertEquals(32,
                Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        String shown = given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + id).then().statusCode(200)
                .body("$", not(hasKey("secret")))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(shown.contains(secret.substring(6)));
        WebhookFixtures.delete(id);
    }

    @Test
    void savingASubscriptionLogsTheTargetsHostButNeverItsPathOrQuery() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                        : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(
                "dev.verity.notification.webhooks.SubscriptionService");
        logger.addHandler(capture);
        try {
            String id = post(admin(), "/webhooks/subscriptions", body("http://127.0.0.1:9/services/T0/B0/hookSecret1"
                    + "?token=querySecret2", List.of("dev.verity.card.created")))
                    .statusCode(201).extract().path("subscription.id");
            WebhookFixtures.delete(id);
        } finally {
            logger.removeHandler(capture);
        }
        org.junit.jupiter.api.Assertions.assertTrue(logged.stream().anyMatch(line -> line.contains("127.0.0.1")),
                logged.toString());
        org.junit.jupiter.api.Assertions.assertTrue(logged.stream().noneMatch(line -> line.contains("hookSecret1")
                || line.contains("querySecret2") || line.contains("/services/")), logged.toString());
    }

    @Test
    void anUnknownEventTypeIsA400ProblemNamingIt() {
        post(admin(), "/webhooks/subscriptions", body(URL, List.of("dev.verity.card.created", "dev.verity.card.exploded")))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://verity.dev/problems/validation"))
                .body("errors[0].field", equalTo("eventTypes[1]"))
                .body("errors[0].message", startsWith("unknown event type 'dev.verity.card.exploded'; known: dev.verity.card.archived"))
                .body("detail", containsString("dev.verity.card.exploded"));
        post(admin(), "/webhooks/subscriptions", body(URL, List.of()))
                .statusCode(400).body("errors[0].field", equalTo("eventTypes"));
    }

    @Test
    void aLegacyEventTypeIsAcceptedDuringTheDeprecationAndStoredUnderItsCurrentName() {
        String id = post(admin(), "/webhooks/subscriptions", body(URL, List.of("card.updated",
                "dev.verity.card.updated", "verification.expired")))
                .statusCode(201)
                .body("subscription.eventTypes", equalTo(List.of("dev.verity.card.updated",
                        "dev.verity.verification.expired")))
                .extract().path("subscription.id");
        WebhookFixtures.delete(id);
    }

    @Test
    void anInvalidUrlIsA400ProblemNamingTheUrl() {
        post(admin(), "/webhooks/subscriptions", body("not a url", List.of("dev.verity.card.created")))
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", startsWith("is not a valid URL"));
        post(admin(), "/webhooks/subscriptions", body("ftp://hooks.example.com/x", List.of("dev.verity.card.created")))
                .statusCode(400).body("errors[0].message", equalTo("must be an absolute https URL"));
        post(admin(), "/webhooks/subscriptions", body("https://user:pw@127.0.0.1/x", List.of("dev.verity.card.created")))
                .statusCode(400).body("errors[0].message", containsString("must not carry credentials"));
    }

    @Test
    void targetsOnPrivateOrLinkLocalAddressesAreRefused() {
        post(admin(), "/webhooks/subscriptions", body("https://10.0.0.1/hook", List.of("dev.verity.card.created")))
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", equalTo("host 10.0.0.1 resolves to 10.0.0.1, a private address; "
                        + "webhooks go to public addresses only"));
        post(admin(), "/webhooks/subscriptions",
                body("http://169.254.169.254/latest/meta-data/", List.of("dev.verity.card.created")))
                .statusCode(400)
                .body("errors[0].message", containsString("a link-local address (this includes the cloud metadata service)"));
        post(admin(), "/webhooks/subscriptions", body("https://[fd00::1]/hook", List.of("dev.verity.card.created")))
                .statusCode(400).body("errors[0].message", containsString("a private address"));
    }

    @Test
    void aSecretTooShortOrMalformedIsA400Problem() {
        String short16 = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
        post(admin(), "/webhooks/subscriptions", Map.of("url", URL, "eventTypes", List.of("dev.verity.card.created"),
                "secret", short16))
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("secret"))
                .body("errors[0].message", equalTo("must encode 24 to 64 bytes, not 16"));
        post(admin(), "/webhooks/subscriptions", Map.of("url", URL, "eventTypes", List.of("dev.verity.card.created"),
                "secret", "hunter2"))
                .statusCode(400).body("errors[0].message", equalTo("must start with 'whsec_'"));
        String own = "whsec_" + Base64.getEncoder().encodeToString("a-secret-of-exactly-32-bytes-xyz".getBytes());
        String id = post(admin(), "/webhooks/subscriptions", Map.of("url", URL, "eventTypes", List.of("dev.verity.card.created"),
                "secret", own))
                .statusCode(201).body("secret", equalTo(own)).extract().path("subscription.id");
        post(admin(), "/webhooks/subscriptions/" + id + "/secret/rotate", Map.of("secret", short16))
                .statusCode(400).body("errors[0].field", equalTo("secret"));
        post(admin(), "/webhooks/subscriptions/" + id + "/secret/rotate", Map.of("overlap", "P30D"))
                .statusCode(400).body("errors[0].field", equalTo("overlap"));
        post(admin(), "/webhooks/subscriptions/" + id + "/secret/rotate", Map.of("overlap", "tomorrow"))
                .statusCode(400).body("errors[0].message", equalTo("must be an ISO-8601 duration such as PT24H"));
        WebhookFixtures.delete(id);
    }

    @Test
    void integratorsManageTheirOwnSubscriptionsAdminsEveryonesAndOthersNone() {
        String ivy = TestTokens.user("ivy-" + UUID.randomUUID(), INTEGRATOR_GROUP);
        String ian = TestTokens.user("ian-" + UUID.randomUUID(), INTEGRATOR_GROUP);
        String agent = TestTokens.user("agent-" + UUID.randomUUID());

        String id = post(ivy, "/webhooks/subscriptions", body(URL, List.of("dev.verity.card.updated")))
                .statusCode(201).extract().path("subscription.id");
        given().auth().oauth2(ivy).get("/webhooks/subscriptions").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(ian).get("/webhooks/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(ian).get("/webhooks/subscriptions").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(admin()).get("/webhooks/subscriptions").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(agent).get("/webhooks/subscriptions").then().statusCode(403).contentType(PROBLEM);
        post(agent, "/webhooks/subscriptions", body(URL, List.of("dev.verity.card.updated"))).statusCode(403);
        given().get("/webhooks/subscriptions").then().statusCode(401);

        given().auth().oauth2(ivy).contentType(ContentType.JSON)
                .body(Map.of("url", URL, "eventTypes", List.of("dev.verity.card.updated", "dev.verity.verification.expired"), "active", false))
                .put("/webhooks/subscriptions/" + id).then().statusCode(200)
                .body("active", equalTo(false))
                .body("eventTypes", equalTo(List.of("dev.verity.card.updated", "dev.verity.verification.expired")))
                .body("updatedAt", notNullValue());
        given().auth().oauth2(ian).delete("/webhooks/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2(ivy).delete("/webhooks/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(ivy).get("/webhooks/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void theDeliveryLogRejectsAnUnknownStatusOrCursor() {
        String id = WebhookFixtures.subscribe(URL, "dev.verity.card.created").id();
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + id + "/deliveries?status=LOST").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + id + "/deliveries?cursor=nonsense").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(admin()).post("/webhooks/subscriptions/" + id + "/deliveries/" + UUID.randomUUID()
                + "/redeliver").then().statusCode(404).contentType(PROBLEM);
        WebhookFixtures.delete(id);
    }
}
