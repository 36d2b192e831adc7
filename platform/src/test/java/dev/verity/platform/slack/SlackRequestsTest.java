package dev.verity.platform.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slack's signing check, and the app being off without a signing secret. */
class SlackRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] BODY = "token=x&command=%2Fverity&text=refund".getBytes(StandardCharsets.UTF_8);

    @Test
    void slacksDocumentedExampleSignatureMatches() {
        // the example of api.slack.com/authentication/verifying-requests-from-slack
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertEquals("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                SlackSignature.sign(secret, "1531420618", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFreshCorrectSignatureIsAcceptedAndAnythingElseRefused() {
        String ts = Long.toString(NOW.getEpochSecond() - 10);
        String good = SlackSignature.sign("s3cret", ts, BODY);
        Duration age = Duration.ofMinutes(5);
        assertNull(SlackSignature.problem("s3cret", ts, good, BODY, NOW, age));
        assertTrue(SlackSignature.problem("other", ts, good, BODY, NOW, age).contains("does not match"));
        assertTrue(SlackSignature.problem("s3cret", ts, good.substring(0, good.length() - 1) + "0", BODY, NOW, age)
                .contains("does not match"));
        String stale = Long.toString(NOW.getEpochSecond() - 301);
        assertTrue(SlackSignature.problem("s3cret", stale, SlackSignature.sign("s3cret", stale, BODY), BODY, NOW, age)
                .contains("more than 5 minutes"));
        assertTrue(SlackSignature.problem("s3cret", "yesterday", good, BODY, NOW, age).contains("epoch seconds"));
        assertTrue(SlackSignature.problem("s3cret", null, good, BODY, NOW, age).contains("required"));
    }

    @Test
    void withoutASigningSecretTheAppIsOffAndAnswers404() {
        SlackRequests off = new SlackRequests(config(Optional.empty()), Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper());
        ProblemException e = assertThrows(ProblemException.class, () -> off.verify("1", "v0=00", BODY));
        assertEquals(404, e.status());
    }

    @Test
    void aBadSignatureIs401() {
        SlackRequests on = new SlackRequests(config(Optional.of("s3cret")), Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper());
        ProblemException e = assertThrows(ProblemException.class,
                () -> on.verify(Long.toString(NOW.getEpochSecond()), "v0=00", BODY));
        assertEquals(401, e.status());
        on.verify(Long.toString(NOW.getEpochSecond()),
                SlackSignature.sign("s3cret", Long.toString(NOW.getEpochSecond()), BODY), BODY);
    }

    @Test
    void formFieldsAreDecoded() {
        assertEquals("/verity", SlackRequests.form(BODY).get("command"));
        assertEquals("refund", SlackRequests.form(BODY).get("text"));
    }

    private static SlackConfig config(Optional<String> secret) {
        return new SlackConfig() {
            public Optional<String> signingSecret() { return secret; }
            public Optional<String> botToken() { return Optional.empty(); }
            public String apiUrl() { return "https://slack.com/api"; }
            public String responseUrlPrefix() { return "https://hooks.slack.com/"; }
            public String webAppUrl() { return "http://127.0.0.1:8080"; }
            public Duration maxRequestAge() { return Duration.ofMinutes(5); }
            public Duration answerWithin() { return Duration.ofSeconds(2); }
            public Duration callTimeout() { return Duration.ofSeconds(5); }
        };
    }
}
