package dev.verity.card.slack;

import static dev.verity.card.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.card.Fixtures;
import dev.verity.testing.TestClock;
import dev.verity.testing.TestSlack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Slack app's interactivity URL, driven with the payloads Slack posts (form field {@code payload}, signed with
 * the test signing secret); Slack's Web API is {@link TestSlack}, which records what the service sends it.
 */
@QuarkusTest
class SlackAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SOON = Duration.ofSeconds(20);

    private static ValidatableResponse post(String body) {
        return given().headers(TestSlack.signed(body)).contentType("application/x-www-form-urlencoded")
                .body(body).post("/slack/interactions").then();
    }

    /** A Slack user whose verified email is the directory user's ({@code Fixtures.user}: id@example.com). */
    private static String slackUserOf(String directoryUser) {
        String slackId = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        TestSlack.user(slackId, directoryUser + "@example.com", true);
        return slackId;
    }

    private static ObjectNode shortcut(String slackUser, String tag) {
        ObjectNode p = JSON.createObjectNode().put("type", "message_action").put("callback_id", "save_to_verity")
                .put("trigger_id", "trigger-" + tag).put("response_url", TestSlack.responseUrl(tag))
                .put("message_ts", "1700000000.123456").put("token", "legacy-unused");
        p.putObject("team").put("id", "T024BE7LD").put("domain", "acme");
        p.putObject("channel").put("id", "C024BE91L").put("name", "support-billing");
        p.putObject("user").put("id", slackUser).put("username", "someone");
        p.putObject("message").put("type", "message").put("user", "U024BE7LG").put("ts", "1700000000.123456")
                .put("text", "Are *PayPal* refunds instant now?\nYes, since May.");
        return p;
    }

    private static ObjectNode submission(String slackUser, String viewId, String collectionId, String channel) {
        ObjectNode p = JSON.createObjectNode().put("type", "view_submission");
        p.putObject("team").put("id", "T024BE7LD").put("domain", "acme");
        p.putObject("user").put("id", slackUser);
        ObjectNode view = p.putObject("view").put("id", viewId).put("callback_id", "save_to_verity")
                .put("private_metadata", JSON.createObjectNode().put("channelId", channel)
                        .put("channelName", "support-billing").put("ts", "1700000000.123456")
                        .put("author", "U024BE7LG")
                        .put("permalink", "https://acme.slack.com/archives/" + channel + "/p1700000000123456").toString());
        ObjectNode values = view.putObject("state").putObject("values");
        values.putObject("title").putObject("value").put("type", "plain_text_input").put("value", "PayPal refunds " + viewId);
        values.putObject("collection").putObject("value").put("type", "static_select").putObject("selected_option")
                .put("value", collectionId);
        values.putObject("text").putObject("value").put("type", "plain_text_input")
                .put("value", "Are *PayPal* refunds instant now? Yes, since May.");
        return p;
    }

    private static List<TestSlack.Received> awaitResponse(String tag, String text) {
        return await().atMost(SOON).until(() -> TestSlack.received(TestSlack.responseUrl(tag), text),
                r -> !r.isEmpty());
    }

    @Test
    void requestsWithABadOrStaleSignatureOrNoneAre401() {
        String body = TestSlack.payload(shortcut("U0NOBODY", "sig").toString());
        long now = TestClock.INSTANCE.instant().getEpochSecond();
        given().headers(TestSlack.signedAt(now, body, "not-the-secret")).contentType("application/x-www-form-urlencoded")
                .body(body).post("/slack/interactions").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("signature does not match"));
        given().headers(TestSlack.signedAt(now - 6 * 60, body, TestSlack.SECRET))
                .contentType("application/x-www-form-urlencoded").body(body).post("/slack/interactions").then()
                .statusCode(401).body("detail", containsString("more than 5 minutes"));
        given().contentType("application/x-www-form-urlencoded").body(body).post("/slack/interactions").then()
                .statusCode(401).body("status", equalTo(401));
        // a body changed after signing is not Slack's
        Map<String, String> headers = TestSlack.signed(body);
        given().headers(headers).contentType("application/x-www-form-urlencoded").body(body + "&x=1")
                .post("/slack/interactions").then().statusCode(401);
        assertTrue(TestSlack.received("/api/users.info", "U0NOBODY").isEmpty(), "nothing was read before the check");
    }

    @Test
    void urlVerificationChallengeIsAnswered() {
        String body = "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        given().headers(TestSlack.signed(body)).contentType("application/json").body(body)
                .post("/slack/interactions").then().statusCode(200)
                .body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void shortcutOpensAModalOfferingOnlyCollectionsWhereThePersonMayAuthor() {
        String author = Fixtures.unique("author");
        String authoring = Fixtures.collection("alice", "USER:" + author + ":AUTHOR");
        String readOnly = Fixtures.collection("alice", "USER:" + author + ":READ_ONLY");
        String tag = Fixtures.unique("modal");
        post(TestSlack.payload(shortcut(slackUserOf(author), tag).toString())).statusCode(200);

        String opened = await().atMost(SOON).until(() -> TestSlack.received("/api/views.open", "trigger-" + tag),
                r -> !r.isEmpty()).get(0).body();
        assertTrue(opened.contains(authoring), opened);
        assertFalse(opened.contains(readOnly), "a collection where they only read is not offered");
        assertTrue(opened.contains("Are *PayPal* refunds instant now?"), "the message's text is in the modal");
        assertTrue(opened.contains("\"callback_id\":\"save_to_verity\""), opened);
    }

    @Test
    void shortcutOfSomeoneWhoMayAuthorNowhereIsRefusedWithAClearEphemeralMessage() {
        String reader = Fixtures.unique("reader");
        Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        String tag = Fixtures.unique("noauthor");
        post(TestSlack.payload(shortcut(slackUserOf(reader), tag).toString())).statusCode(200);

        String told = awaitResponse(tag, "ephemeral").get(0).body();
        assertTrue(told.contains("You may not author in any Verity collection"), told);
        assertTrue(TestSlack.received("/api/views.open", "trigger-" + tag).isEmpty(), "no modal");
    }

    @Test
    void unknownSlackUserOrUnverifiedEmailGetsAClearMessageAndNoAccess() {
        String tag = Fixtures.unique("unknown");
        post(TestSlack.payload(shortcut("U0UNKNOWN1", tag).toString())).statusCode(200);
        assertTrue(awaitResponse(tag, "ephemeral").get(0).body().contains("Verity does not know this Slack account"));

        String alice = "U" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestSlack.user(alice, "alice@example.com", false); // alice's address, but Slack has not verified it
        String unverified = Fixtures.unique("unverified");
        post(TestSlack.payload(shortcut(alice, unverified).toString())).statusCode(200);
        assertTrue(awaitResponse(unverified, "ephemeral").get(0).body().contains("no verified email address"));

        String nobody = "U" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestSlack.user(nobody, "nobody-" + nobody.toLowerCase() + "@example.com", true);
        String stranger = Fixtures.unique("stranger");
        post(TestSlack.payload(shortcut(nobody, stranger).toString())).statusCode(200);
        assertTrue(awaitResponse(stranger, "ephemeral").get(0).body().contains("No Verity user has the email"));
        assertTrue(TestSlack.received("/api/views.open", "trigger-" + tag).isEmpty());
        assertTrue(TestSlack.received("/api/views.open", "trigger-" + unverified).isEmpty());
    }

    @Test
    void aRetriedSubmissionCreatesOneCardAndOneThreadReply() {
        String author = Fixtures.unique("author");
        String collection = Fixtures.collection("alice", "USER:" + author + ":AUTHOR");
        String slackUser = slackUserOf(author);
        String viewId = "V" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String body = TestSlack.payload(submission(slackUser, viewId, collection, channel).toString());

        post(body).statusCode(200);
        given().headers(TestSlack.signed(body)).header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout")
                .contentType("application/x-www-form-urlencoded").body(body).post("/slack/interactions")
                .then().statusCode(200);

        given().auth().oauth2(token("alice")).queryParam("collectionId", collection).get("/cards").then()
                .statusCode(200).body("items", hasSize(1))
                .body("items[0].title", equalTo("PayPal refunds " + viewId))
                .body("items[0].status", equalTo("DRAFT"));
        String reply = await().atMost(SOON).until(() -> TestSlack.received("/api/chat.postMessage", channel),
                r -> !r.isEmpty()).get(0).body();
        JsonNode message = read(reply);
        assertEquals("1700000000.123456", message.path("thread_ts").asText(), "a reply in the thread");
        assertTrue(message.path("text").asText().contains(TestSlack.WEB_APP + "/cards/"), reply);
        assertEquals(1, TestSlack.received("/api/chat.postMessage", channel).size());
    }

    @Test
    void aSubmissionWithoutAuthorRightsIsRefusedInTheModal() {
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        String body = TestSlack.payload(submission(slackUserOf(reader), "V" + UUID.randomUUID().toString().substring(0, 8),
                collection, "C0NOREPLY").toString());

        post(body).statusCode(200).body("response_action", equalTo("errors"))
                .body("errors.collection", containsString("You may not author in this collection (you are READ_ONLY)"));
        given().auth().oauth2(token("alice")).queryParam("collectionId", collection).get("/cards").then()
                .body("items", hasSize(0));
    }

    @Test
    void aSubmissionBreakingTheCaptureRulesIsShownInTheBlockConcerned() {
        String author = Fixtures.unique("author");
        String collection = Fixtures.collection("alice", "USER:" + author + ":AUTHOR");
        ObjectNode payload = submission(slackUserOf(author), "V" + UUID.randomUUID().toString().substring(0, 8),
                collection, "C0LIMITS");
        ((ObjectNode) payload.path("view").path("state").path("values").path("title").path("value"))
                .put("value", "x".repeat(201));
        post(TestSlack.payload(payload.toString())).statusCode(200).body("response_action", equalTo("errors"))
                .body("errors.title", containsString("200"));
        given().auth().oauth2(token("alice")).queryParam("collectionId", collection).get("/cards").then()
                .body("items", hasSize(0));
    }

    @Test
    void shareButtonPostsTheCardToTheChannelOnlyForSomeoneWhoMayReadIt() {
        String reader = Fixtures.unique("reader");
        String collection = Fixtures.collection("alice", "USER:" + reader + ":READ_ONLY");
        String card = Fixtures.cardId(token("alice"), collection, "Refund window");
        String shared = Fixtures.unique("share");
        post(TestSlack.payload(share(slackUserOf(reader), card, shared).toString())).statusCode(200);
        // Slack's retry of a click (it did not see the first answered in time) is only acknowledged: not even the
        // person is looked up (users.info is asked synchronously, before anything else, when a click is acted on)
        String retrying = slackUserOf(reader);
        String retried = TestSlack.payload(share(retrying, card, shared).toString());
        given().headers(TestSlack.signed(retried)).header("X-Slack-Retry-Num", "1")
                .contentType("application/x-www-form-urlencoded").body(retried).post("/slack/interactions")
                .then().statusCode(200);
        assertTrue(TestSlack.received("/api/users.info", retrying).isEmpty(), "a retried click is not acted on");
        JsonNode posted = read(awaitResponse(shared, "in_channel").get(0).body());
        assertTrue(posted.toString().contains(TestSlack.WEB_APP + "/cards/" + card), posted.toString());
        assertEquals(false, posted.path("replace_original").asBoolean(true));

        String stranger = Fixtures.unique("stranger");
        Fixtures.user(stranger);
        String refused = Fixtures.unique("refused");
        post(TestSlack.payload(share(slackUserOf(stranger), card, refused).toString())).statusCode(200);
        String told = awaitResponse(refused, "ephemeral").get(0).body();
        assertTrue(told.contains("You cannot read that card"), told);
        assertFalse(told.contains("Refund window"), "nothing of the card is shown");
        assertTrue(TestSlack.received(TestSlack.responseUrl(refused), "in_channel").isEmpty());
    }

    private static ObjectNode share(String slackUser, String cardId, String tag) {
        ObjectNode p = JSON.createObjectNode().put("type", "block_actions").put("trigger_id", "t-" + tag)
                .put("response_url", TestSlack.responseUrl(tag));
        p.putObject("user").put("id", slackUser);
        p.putObject("channel").put("id", "C024BE91L").put("name", "support-billing");
        p.putObject("container").put("type", "message").put("is_ephemeral", true);
        p.putArray("actions").addObject().put("type", "button").put("action_id", "share_card")
                .put("block_id", "card-" + cardId).put("value", cardId).put("action_ts", "1700000200.000100");
        return p;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
