package dev.verity.notification.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.notification.webhooks.WebhookSecret;
import dev.verity.notification.webhooks.WebhookSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration THREE_DAYS = Duration.ofDays(3);

    private static WebhookSubscription subscription(WebhookSecret secret) {
        return WebhookSubscription.create("ivy", "https://hooks.example.com/a", Set.of("dev.verity.card.updated"), null, true,
                secret, T0);
    }

    @Test
    void itIsDisabledOnlyOnceItHasBeenFailingForTheWholePeriod() {
        WebhookSubscription s = subscription(WebhookSecret.generate(32));
        assertFalse(s.failed(T0, THREE_DAYS));
        assertFalse(s.failed(T0.plus(Duration.ofDays(2)), THREE_DAYS));
        assertTrue(s.failed(T0.plus(THREE_DAYS), THREE_DAYS));
        assertFalse(s.active);
        assertEquals("every delivery attempt has failed since " + T0, s.disabledReason);
        assertFalse(s.failed(T0.plus(Duration.ofDays(4)), THREE_DAYS), "told once, not at every later failure");
    }

    @Test
    void switchingItOnAgainOrPointingItElsewhereStartsTheFailingPeriodOver() {
        WebhookSubscription s = subscription(WebhookSecret.generate(32));
        s.failed(T0, THREE_DAYS);
        s.failed(T0.plus(THREE_DAYS), THREE_DAYS);
        s.change(s.targetUrl, s.eventTypes, null, true, T0.plus(Duration.ofDays(4)));
        assertTrue(s.active);
        assertNull(s.failingSince);
        assertNull(s.disabledReason);
        s.failed(T0.plus(Duration.ofDays(5)), THREE_DAYS);
        s.change("https://hooks.example.com/b", s.eventTypes, null, true, T0.plus(Duration.ofDays(5)));
        assertNull(s.failingSince);
    }

    @Test
    void theOldSecretSignsTooUntilTheOverlapEnds() {
        WebhookSecret old = WebhookSecret.generate(32);
        WebhookSecret next = WebhookSecret.generate(32);
        WebhookSubscription s = subscription(old);
        s.rotate(next, Duration.ofHours(1), T0);
        assertEquals(List.of(next, old), s.signingSecrets(T0.plus(Duration.ofMinutes(59))));
        assertEquals(List.of(next), s.signingSecrets(T0.plus(Duration.ofHours(1))));
        s.rotate(WebhookSecret.generate(32), Duration.ZERO, T0);
        assertEquals(1, s.signingSecrets(T0).size());
    }
}
