package dev.verity.notification.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to one subscription, with what its latest attempt got. Rows are written by the fan-out and
 * moved on by the delivery worker; {@code seq} (assigned by the database) orders the deliveries of one card.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "ordering_key", nullable = false)
    public String orderingKey;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    /** Attempts made so far (since the last redeliver). */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_latency_ms")
    public Long lastLatencyMs;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Records an attempt's answer (status code null when none came) and how long it took. */
    public void attempted(Instant at, Integer statusCode, long latencyMs, String error) {
        attempts++;
        lastAttemptAt = at;
        lastStatusCode = statusCode;
        lastLatencyMs = latencyMs;
        lastError = error;
        leaseToken = null;
        leaseUntil = null;
    }

    public void delivered(Instant at) {
        status = DeliveryStatus.DELIVERED;
        deliveredAt = at;
        nextAttemptAt = null;
    }

    public void retryAt(Instant at) {
        status = DeliveryStatus.PENDING;
        nextAttemptAt = at;
    }

    public void dead() {
        status = DeliveryStatus.DEAD;
        nextAttemptAt = null;
    }

    /** Starts it over, with a fresh retry schedule, as soon as a worker gets to it. */
    public void redeliver(Instant now) {
        status = DeliveryStatus.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        deliveredAt = null;
    }
}
