package dev.verity.notification.webhooks;

import java.time.Duration;

/**
 * What one attempt got.
 *
 * @param statusCode the HTTP status, null when no answer came (refused, timed out, blocked by the address guard)
 * @param error      why it failed; null when it succeeded
 * @param retryAfter the target's {@code Retry-After}, when it sent one in seconds; else null
 */
public record Attempt(Integer statusCode, String error, long latencyMs, Duration retryAfter) {

    public static Attempt answered(int statusCode, long latencyMs, Duration retryAfter) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new Attempt(statusCode, ok ? null : "the target answered HTTP " + statusCode, latencyMs, retryAfter);
    }

    public static Attempt failed(String error, long latencyMs) {
        return new Attempt(null, error, latencyMs, null);
    }

    /** Standard Webhooks: only a 2xx is a success; a redirect is not followed (and a failure). */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver wants no more deliveries; the subscription is switched off. */
    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
