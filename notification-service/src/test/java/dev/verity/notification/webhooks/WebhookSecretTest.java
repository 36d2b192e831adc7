package dev.verity.notification.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.notification.webhooks.WebhookSecret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceLibraries() {
        // the test vector every Standard Webhooks library checks itself against
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void generatedSecretsArePrefixedBase64OfTheAskedNumberOfRandomBytes() {
        WebhookSecret one = WebhookSecret.generate(32);
        WebhookSecret two = WebhookSecret.generate(32);
        assertTrue(one.text().startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(one.text().substring(6)).length);
        assertNotEquals(one.text(), two.text());
    }

    @Test
    void aSecretOfFewerThan24BytesOrWithoutPrefixOrNotBase64IsRefusedWithAReason() {
        String short23 = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        assertEquals("must encode 24 to 64 bytes, not 23", WebhookSecret.problemWith(short23));
        assertEquals("must start with 'whsec_'", WebhookSecret.problemWith("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertEquals("must be 'whsec_' followed by standard base64", WebhookSecret.problemWith("whsec_not base64!"));
        assertNull(WebhookSecret.problemWith("whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        assertThrows(IllegalArgumentException.class, () -> new WebhookSecret(short23));
    }

    @Test
    void aSecretNeverPrintsItself() {
        WebhookSecret secret = WebhookSecret.generate(24);
        assertEquals("whsec_…", secret.toString());
    }
}
