package dev.verity.platform.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=} and the hex HMAC-SHA256, keyed with the signing secret, of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}. Pure, so it is tested without a service.
 */
public final class SlackSignature {

    private SlackSignature() {
    }

    /** Why a request is refused, or null when it is Slack's. */
    public static String problem(String secret, String timestamp, String signature, byte[] body, Instant now,
            Duration maxAge) {
        if (timestamp == null || signature == null) {
            return "X-Slack-Request-Timestamp and X-Slack-Signature are required";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "X-Slack-Request-Timestamp must be epoch seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds()) {
            return "the request timestamp is more than " + maxAge.toMinutes() + " minutes from now (a replay?)";
        }
        byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        // constant time: the comparison must not tell an attacker how many leading characters were right
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "the request signature does not match";
        }
        return null;
    }

    /** The {@code X-Slack-Signature} value Slack sends for this timestamp and body. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
