package dev.verity.search;

import static dev.verity.testing.TestAccessEvents.grant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.testing.TestAccessEvents;
import dev.verity.testing.TestClock;
import dev.verity.testing.TestSlack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Slack app's slash command {@code /verity <question>}, posted as Slack posts it (form-encoded, signed with the
 * test signing secret). Who asks is the directory user whose email is the Slack user's verified email
 * ({@link TestSlack} answers {@code users.info}); they see only cards they may read.
 */
@QuarkusTest
class SlackCommandsTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    CardFeed feed;

    private static String body(String slackUser, String text, String tag) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        form.put("team_id", "T0001");
        form.put("team_domain", "acme");
        form.put("channel_id", "C2147483705");
        form.put("channel_name", "support");
        form.put("user_id", slackUser);
        form.put("user_name", "someone");
        form.put("command", "/verity");
        form.put("text", text);
        form.put("api_app_id", "A123456");
        form.put("response_url", TestSlack.responseUrl(tag));
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return TestSlack.form(form);
    }

    private static ValidatableResponse command(String slackUser, String text, String tag) {
        String body = body(slackUser, text, tag);
        return given().headers(TestSlack.signed(body)).contentType("application/x-www-form-urlencoded").body(body)
                .post("/slack/commands").then().statusCode(200);
    }

    private static String slackUserFor(String email) {
        String id = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        TestSlack.user(id, email, true);
        return id;
    }

    @Test
    void aBadOrStaleSignatureIs401() {
        String body = body("U0NOBODY", "refund", "sig");
        long now = TestClock.INSTANCE.instant().getEpochSecond();
        given().headers(TestSlack.signedAt(now, body, "wrong-secret")).contentType("application/x-www-form-urlencoded")
                .body(body).post("/slack/commands").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("signature does not match"));
        given().headers(TestSlack.signedAt(now - 301, body, TestSlack.SECRET))
                .contentType("application/x-www-form-urlencoded").body(body).post("/slack/commands").then()
                .statusCode(401).body("detail", containsString("more than 5 minutes"));
    }

    @Test
    void theAskerSeesWhatTheyMayReadWithTrustBadgeLinkAndShareButtonAndAStrangerNothing() {
        UUID collection = UUID.randomUUID();
        String word = CardFeed.uniqueWord();
        String suffix = word.substring(2, 8);
        String owner = "owner-" + suffix;
        String stranger = "stranger-" + suffix;
        long version = System.currentTimeMillis();
        TestAccessEvents.user(owner, version, owner + "@example.com");
        TestAccessEvents.user(stranger, version, stranger + "@Example.com");
        TestAccessEvents.collection(collection, 1, "Private", grant("USER", owner, "COLLECTION_OWNER"));
        UUID card = UUID.randomUUID();
        feed.publishIn(collection, card, "Escalation matrix " + word, "Who to call at night.");
        feed.verification(card, VerificationEventTypes.VERIFIED, VerificationStatuses.VERIFIED, Instant.now());
        String ownerInSlack = slackUserFor(owner + "@example.com");
        String strangerInSlack = slackUserFor(stranger + "@example.com");

        await().atMost(SOON).untilAsserted(() -> command(ownerInSlack, word, "fast-" + suffix)
                .body("response_type", equalTo("ephemeral"))
                .body("blocks[1].text.text", containsString("<" + TestSlack.WEB_APP + "/cards/" + card
                        + "|Escalation matrix " + word + ">"))
                .body("blocks[1].text.text", containsString(":white_check_mark: Verified by alice"))
                .body("blocks[1].accessory.action_id", equalTo("share_card"))
                .body("blocks[1].accessory.value", equalTo(card.toString())));

        // the stranger is known (their email names them) and reads nothing of the collection
        await().atMost(SOON).untilAsserted(() -> command(strangerInSlack, word, "stranger-" + suffix)
                .body("text", startsWith("Nothing you may read in Verity matches"))
                .body(not(containsString("Escalation"))));

        // Slack slow to say who asks: the ack says "Searching…", the answer follows through response_url
        TestSlack.hold(ownerInSlack);
        try {
            command(ownerInSlack, word, "slow-" + suffix).body("text", startsWith("Searching Verity for"));
        } finally {
            TestSlack.releaseHeld();
        }
        await().atMost(SOON).until(() -> TestSlack.received(TestSlack.responseUrl("slow-" + suffix),
                "Escalation matrix " + word), r -> r.size() == 1);
    }

    @Test
    void anUnknownSlackUserOrOneWithoutAVerifiedEmailIsToldWhyAndSeesNothing() {
        command("U0UNKNOWN9", "refund", "unknown").body("response_type", equalTo("ephemeral"))
                .body("text", containsString("Verity does not know this Slack account"));
        String unverified = "U" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestSlack.user(unverified, "alice@example.com", false);
        command(unverified, "refund", "unverified").body("text", containsString("no verified email address"));
        command(slackUserFor("nobody-" + UUID.randomUUID() + "@example.com"), "refund", "nobody")
                .body("text", containsString("No Verity user has the email"));
    }
}
