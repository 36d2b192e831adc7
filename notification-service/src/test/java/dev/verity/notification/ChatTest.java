package dev.verity.notification;

import static dev.verity.notification.Recipients.PATIENCE;
import static dev.verity.notification.Recipients.awaitApplied;
import static dev.verity.notification.Recipients.awaitCount;
import static dev.verity.notification.Recipients.fresh;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.notification.chat.ChatSender;
import dev.verity.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat messages reach a real HTTP receiver inside the test (the JDK's server) as a Slack incoming webhook would get
 * them: Block Kit JSON posted by the scheduled sender from the chat outbox, retried when the receiver fails.
 */
@QuarkusTest
class ChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    ChatSender sender;

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer planned = answers.poll();
            int status = planned == null ? 200 : planned;
            byte[] answer = (status == 200 ? "ok" : "server_error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aNotificationIsPostedToTheUsersChatWebhookAsBlockKitWithTitleReasonAndCardLinkAndAFailureIsRetried()
            throws Exception {
        String vera = fresh("vera");
        setWebhook(vera, url()).statusCode(200).body("webhookUrl", equalTo(url()));
        given().auth().oauth2(TestTokens.user(vera)).get("/preferences").then().statusCode(200)
                .body("types.VERIFICATION_EXPIRED.chat", equalTo("IMMEDIATE"));
        answers.add(500); // the chat server fails once, then answers 200
        UUID card = UUID.randomUUID();
        VerificationEvent expired = VerificationFeed.event(card, "Refunds <EU> & more", vera,
                UnverifiedReasons.EXPIRED, VerificationEvent.SYSTEM_ACTOR, null);
        String eventId = UUID.randomUUID().toString();
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, eventId, expired);
        VerificationFeed.publish(VerificationEventTypes.EXPIRED, eventId, expired); // redelivered: still one message

        await().atMost(PATIENCE).until(() -> "SENT".equals(status(vera)));
        assertEquals(2, bodies.size(), "one failed attempt, one delivered: " + bodies);
        assertEquals(bodies.get(0), bodies.get(1), "a retry posts the same message");
        JsonNode message = JSON.readTree(bodies.get(1));
        assertEquals("“Refunds <EU> & more” needs verification: it expired", message.get("text").asText());
        JsonNode section = message.get("blocks").get(0);
        assertEquals("section", section.get("type").asText());
        assertEquals("mrkdwn", section.get("text").get("type").asText());
        String text = section.get("text").get("text").asText();
        assertTrue(text.startsWith("*“Refunds &lt;EU&gt; &amp; more” needs verification: it expired*\n"), text);
        assertTrue(text.contains("Its verification lapsed"), text);
        JsonNode button = section.get("accessory");
        assertEquals("button", button.get("type").asText());
        assertEquals("Open card", button.get("text").get("text").asText());
        assertEquals("http://localhost:8081/cards/" + card, button.get("url").asText());
        assertEquals(2, attempts(vera));
        awaitCount(vera, 1); // the inbox got it too, whatever the chat server did
        sender.sendDue();
        assertEquals(2, bodies.size());
    }

    @Test
    void chatOffForATypeAndUsersWithoutAWebhookGetNoChatMessage() {
        String vera = fresh("vera");
        String olga = fresh("olga");
        setWebhook(vera, url()).statusCode(200);
        given().auth().oauth2(TestTokens.user(vera)).contentType("application/json")
                .body(Map.of("types", Map.of("VERIFICATION_REQUESTED", Map.of("chat", "OFF"))))
                .put("/preferences").then().statusCode(200).body("types.VERIFICATION_REQUESTED.chat", equalTo("OFF"));
        UUID card = UUID.randomUUID();
        List<String> events = List.of(
                VerificationFeed.publish(VerificationEventTypes.REQUESTED,
                        VerificationFeed.event(card, "Refunds", vera, null, "bob", "please")),
                VerificationFeed.publish(VerificationEventTypes.REQUESTED,
                        VerificationFeed.event(card, "Refunds", olga, null, "bob", "please")));
        events.forEach(id -> awaitApplied(em, "notification-service/verifications", id));
        awaitCount(vera, 1);
        awaitCount(olga, 1);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM chat_delivery WHERE recipient_id IN (?1, ?2)").setParameter(1, vera)
                .setParameter(2, olga).getSingleResult()).longValue()));
    }

    @Test
    void aWebhookUrlThatIsNotHttpsOrHttpOrResolvesToLinkLocalIsRefusedAndOneCanBeRemoved() {
        String vera = fresh("vera");
        setWebhook(vera, "http://169.254.169.254/latest/meta-data").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("webhookUrl"))
                .body("errors[0].message", containsString("link-local"));
        setWebhook(vera, "ftp://chat.example.com/hook").statusCode(400).body("errors[0].field", equalTo("webhookUrl"));
        setWebhook(vera, "").statusCode(400).body("errors[0].field", equalTo("webhookUrl"));
        given().auth().oauth2(TestTokens.user(vera)).get("/preferences/chat").then().statusCode(200)
                .body("webhookUrl", nullValue());
        setWebhook(vera, url()).statusCode(200);
        given().auth().oauth2(TestTokens.user(vera)).delete("/preferences/chat").then().statusCode(204);
        given().auth().oauth2(TestTokens.user(vera)).get("/preferences/chat").then().statusCode(200)
                .body("webhookUrl", nullValue());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/hook";
    }

    private static io.restassured.response.ValidatableResponse setWebhook(String user, String url) {
        return given().auth().oauth2(TestTokens.user(user)).contentType("application/json")
                .body(Map.of("webhookUrl", url)).put("/preferences/chat").then();
    }

    private String status(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM chat_delivery WHERE recipient_id = ?1").setParameter(1, recipient)
                .getResultStream().findFirst().orElse(null));
    }

    private int attempts(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT attempts FROM chat_delivery WHERE recipient_id = ?1").setParameter(1, recipient)
                .getSingleResult()).intValue());
    }
}
