package dev.verity.notification.webhooks;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** An integration's wish to receive some event types at a URL, signed with its own secret. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    public UUID id;

    /** Who created it: they manage it (with the admins) and are told when it is disabled. */
    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "target_url", nullable = false, length = 2000)
    public String targetUrl;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "webhook_subscription_event_type", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "event_type", nullable = false)
    public Set<String> eventTypes = new TreeSet<>();

    @Column(length = 500)
    public String description;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason", columnDefinition = "text")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static WebhookSubscription create(String ownerId, String targetUrl, Set<String> eventTypes,
            String description, boolean active, WebhookSecret secret, Instant now) {
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.ownerId = ownerId;
        subscription.secret = secret.text();
        subscription.createdAt = now;
        subscription.change(targetUrl, eventTypes, description, active, now);
        return subscription;
    }

    /**
     * A change by its owner or an admin; switching it on again, or pointing it elsewhere, forgets since when (and,
     * when switched on, why) it was failing: a new target gets its own days before it is disabled.
     */
    public void change(String targetUrl, Set<String> eventTypes, String description, boolean active, Instant now) {
        if (!targetUrl.equals(this.targetUrl)) {
            failingSince = null;
        }
        this.targetUrl = targetUrl;
        this.eventTypes.clear();
        this.eventTypes.addAll(eventTypes);
        this.description = description;
        if (active && !this.active) {
            disabledAt = null;
            disabledReason = null;
            failingSince = null;
        }
        this.active = active;
        this.updatedAt = now;
    }

    /** The new secret signs from now on; the current one keeps signing too until {@code now + overlap}. */
    public void rotate(WebhookSecret next, Duration overlap, Instant now) {
        previousSecret = overlap.isZero() ? null : secret;
        previousSecretExpiresAt = overlap.isZero() ? null : now.plus(overlap);
        secret = next.text();
        updatedAt = now;
    }

    /** The secrets a delivery at {@code now} is signed with, the current one first. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(new WebhookSecret(secret));
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(new WebhookSecret(previousSecret));
        }
        return secrets;
    }

    /**
     * Records a failed attempt; returns true when the subscription has now been failing for {@code disableAfter}
     * and is switched off (the caller tells the owner).
     */
    public boolean failed(Instant now, Duration disableAfter) {
        if (failingSince == null) {
            failingSince = now;
        }
        if (active && !now.isBefore(failingSince.plus(disableAfter))) {
            disable("every delivery attempt has failed since " + failingSince, now);
            return true;
        }
        return false;
    }

    public void disable(String reason, Instant now) {
        active = false;
        disabledAt = now;
        disabledReason = reason;
        updatedAt = now;
    }
}
