package dev.verity.notification.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CardEvent;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.events.VerificationEvent;
import dev.verity.testing.TestKafka;
import dev.verity.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Subscribing over the API, publishing events the way the other services do, and checking signatures by hand. */
final class WebhookFixtures {

    static final String ADMIN = "hook-admin";
    static final String INTEGRATOR_GROUP = "verity-integrators";
    /** The verifier of the test cards: the inbox consumers tell them, nobody a test looks at. */
    static final String VERIFIER = "webhook-tests-verifier";
    static final UUID COLLECTION = UUID.fromString("0d8e7c44-3b1f-4f6a-9d1e-5a2b3c4d5e6f");
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookFixtures() {
    }

    /** A subscription created in a test: its id and its secret, shown once. */
    record Subscription(String id, String secret) {
    }

    static String admin() {
        return TestTokens.admin(ADMIN);
    }

    static ValidatableResponse post(String token, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then();
    }

    static Subscription subscribe(String url, String... eventTypes) {
        JsonPath created = post(admin(), "/webhooks/subscriptions",
                Map.of("url", url, "eventTypes", List.of(eventTypes), "description", "test receiver"))
                .statusCode(201).extract().jsonPath();
        return new Subscription(created.getString("subscription.id"), created.getString("secret"));
    }

    static ValidatableResponse deliveries(String subscriptionId) {
        return given().auth().oauth2(admin()).get("/webhooks/subscriptions/" + subscriptionId + "/deliveries").then()
                .statusCode(200);
    }

    static void delete(String subscriptionId) {
        given().auth().oauth2(admin()).delete("/webhooks/subscriptions/" + subscriptionId).then().statusCode(204);
    }

    /** Publishes a card event as card-service does (binary CloudEvent, key = card id) and returns its id. */
    static String cardEvent(String type, UUID cardId, long version) {
        return cardEvent(type, UUID.randomUUID().toString(), cardId, version);
    }

    static String cardEvent(String type, String eventId, UUID cardId, long version) {
        Instant at = AT.plusSeconds(version);
        CardSnapshot card = new CardSnapshot(cardId, version, "Refunds v" + version, "How to refund.", List.of("faq"),
                "PUBLISHED", "alice", VERIFIER, 90, AT, at, COLLECTION, List.of(), "refunds-" + cardId, "alice", null,
                null);
        TestKafka.publish(Topics.CARDS, cardId.toString(), eventId, type,
                json(new CardEvent(cardId, version, "alice", at, card)));
        return eventId;
    }

    /** Publishes a verification event as verification-service does and returns its id. */
    static String verificationEvent(String type, UUID cardId) {
        String eventId = UUID.randomUUID().toString();
        VerificationEvent event = new VerificationEvent(cardId, 2, "Refunds", COLLECTION, VERIFIER, "UNVERIFIED",
                "EXPIRED", AT, 90, null, VerificationEvent.SYSTEM_ACTOR, null, AT.plusSeconds(60), null);
        TestKafka.publish(Topics.VERIFICATIONS, cardId.toString(), eventId, type, "/verification-service",
                json(event));
        return eventId;
    }

    private static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The signatures of {@code header} that {@code secret} produced for this id, timestamp and body, computed here
     * from the Standard Webhooks rules alone (HMAC-SHA256 keyed with the base64-decoded secret over
     * {@code id.timestamp.body}), not with the service's code.
     */
    static List<Integer> positionsSignedBy(String secret, String id, String timestamp, String body, String header) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Integer> positions = new ArrayList<>();
        String[] entries = header.split(" ");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].split(",", 2);
            assertEquals("v1", parts[0], "signature scheme of " + entries[i]);
            if (java.security.MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8))) {
                positions.add(i);
            }
        }
        return positions;
    }

    static void assertSignedBy(String secret, WebhookReceiver.Received request) {
        assertTrue(!positionsSignedBy(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.body(), request.header("webhook-signature")).isEmpty(),
                "no signature of the expected secret in " + request.header("webhook-signature"));
    }
}
