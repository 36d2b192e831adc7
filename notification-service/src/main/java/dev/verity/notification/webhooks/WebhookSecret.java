package dev.verity.notification.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks symmetric signing secret: {@code whsec_} followed by the base64 of 24 to 64 random bytes. The
 * HMAC key is the decoded bytes, not the text, which is what every Standard Webhooks library expects.
 */
public record WebhookSecret(String text) {

    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        key(text); // fails on anything but a well-formed secret
    }

    public static WebhookSecret generate(int bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("a secret has " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + bytes);
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(random));
    }

    /**
     * Why {@code text} is not a usable secret, or null when it is; the message is meant for the client who sent it.
     */
    public static String problemWith(String text) {
        try {
            key(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one entry of the {@code webhook-signature} header. */
    public String sign(String webhookId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(text), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] key(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with '" + PREFIX + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be '" + PREFIX + "' followed by standard base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("must encode " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not "
                    + key.length);
        }
        return key;
    }

    /** Never the secret itself: records print their fields, and secrets must not reach logs. */
    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
