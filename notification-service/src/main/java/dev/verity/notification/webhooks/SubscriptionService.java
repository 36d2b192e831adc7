package dev.verity.notification.webhooks;

import dev.verity.notification.outbound.TargetGuard;
import dev.verity.notification.webhooks.WebhookConfig;
import dev.verity.notification.webhooks.DeliveryStatus;
import dev.verity.notification.webhooks.WebhookDelivery;
import dev.verity.notification.webhooks.WebhookEventTypes;
import dev.verity.notification.webhooks.WebhookSecret;
import dev.verity.notification.webhooks.WebhookSubscription;
import dev.verity.notification.webhooks.DeliveryRepository;
import dev.verity.notification.webhooks.SubscriptionRepository;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Webhook subscriptions as their owners and admins manage them, and their delivery logs. One transaction each. */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);
    static final int DESCRIPTION_LENGTH = 500;
    /** Unknown event types named one by one in a 400; the rest are counted. */
    static final int MAX_REPORTED_UNKNOWN_TYPES = 10;

    /** A new subscription and its secret, which is shown this once. */
    public record Created(WebhookSubscription subscription, WebhookSecret secret) {
    }

    /** A rotated secret, shown this once, and until when the previous one still signs (null: it no longer does). */
    public record Rotated(WebhookSecret secret, Instant previousSecretExpiresAt) {
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final TargetGuard guard;
    private final WebhookAccess access;
    private final WebhookConfig config;
    private final Clock clock;

    SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries, TargetGuard guard,
            WebhookAccess access, WebhookConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.guard = guard;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Created create(String url, List<String> eventTypes, Boolean active, String description, String secret) {
        String owner = access.requireManager();
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> types = check(url, eventTypes, description, errors);
        String secretProblem = secret == null ? null : WebhookSecret.problemWith(secret.strip());
        if (secretProblem != null) {
            errors.add(new Problem.FieldError("secret", secretProblem));
        }
        rejectIfAny(errors);
        WebhookSecret signing = secret == null ? WebhookSecret.generate(config.secrets().generatedBytes())
                : new WebhookSecret(secret.strip());
        WebhookSubscription subscription = WebhookSubscription.create(owner, url.strip(), types, clean(description),
                active == null || active, signing, now());
        subscriptions.persist(subscription);
        // the host only: a target's path and query may hold a secret (a chat hook's token)
        LOG.infof("webhook subscription %s created by %s for %s to host %s", subscription.id, owner, types,
                URI.create(subscription.targetUrl).getHost());
        return new Created(subscription, signing);
    }

    public List<WebhookSubscription> list() {
        String caller = access.requireManager();
        return access.seesAll() ? subscriptions.all() : subscriptions.ownedBy(caller);
    }

    public WebhookSubscription get(UUID id) {
        access.requireManager();
        return access.visible(subscriptions.findById(id), id);
    }

    @Transactional
    public WebhookSubscription update(UUID id, String url, List<String> eventTypes, Boolean active,
            String description) {
        access.requireManager();
        WebhookSubscription subscription = access.visible(subscriptions.lock(id), id);
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> types = check(url, eventTypes, description, errors);
        if (active == null) {
            errors.add(new Problem.FieldError("active", "must be true or false"));
        }
        rejectIfAny(errors);
        subscription.change(url.strip(), types, clean(description), active, now());
        deliveries.madeDue(); // switched on again, or a new URL: what waited may go now
        return subscription;
    }

    @Transactional
    public void delete(UUID id) {
        access.requireManager();
        subscriptions.delete(access.visible(subscriptions.lock(id), id));
    }

    @Transactional
    public Rotated rotate(UUID id, String secret, String overlap) {
        access.requireManager();
        WebhookSubscription subscription = access.visible(subscriptions.lock(id), id);
        List<Problem.FieldError> errors = new ArrayList<>();
        String secretProblem = secret == null ? null : WebhookSecret.problemWith(secret.strip());
        if (secretProblem != null) {
            errors.add(new Problem.FieldError("secret", secretProblem));
        }
        Duration keep = config.secrets().defaultOverlap();
        if (overlap != null) {
            try {
                keep = Duration.parse(overlap.strip());
                if (keep.isNegative() || keep.compareTo(config.secrets().maxOverlap()) > 0) {
                    errors.add(new Problem.FieldError("overlap", "must be from PT0S to " + config.secrets().maxOverlap()));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("overlap", "must be an ISO-8601 duration such as PT24H"));
            }
        }
        rejectIfAny(errors);
        WebhookSecret next = secret == null ? WebhookSecret.generate(config.secrets().generatedBytes())
                : new WebhookSecret(secret.strip());
        if (next.text().equals(subscription.secret)) {
            throw invalid(List.of(new Problem.FieldError("secret", "must differ from the current secret")));
        }
        subscription.rotate(next, keep, now());
        LOG.infof("webhook subscription %s: secret rotated, the previous one signs until %s", id,
                subscription.previousSecretExpiresAt);
        return new Rotated(next, subscription.previousSecretExpiresAt);
    }

    public List<WebhookDelivery> deliveries(UUID id, DeliveryStatus status, PageCursor cursor, int limit) {
        get(id);
        return deliveries.log(id, status, cursor, limit);
    }

    /**
     * Starts a delivery over with a fresh retry schedule, whatever became of it (delivered or dead); one waiting
     * for a retry is tried now. One being sent right now is a conflict.
     */
    @Transactional
    public WebhookDelivery redeliver(UUID id, UUID deliveryId) {
        get(id);
        WebhookDelivery delivery = deliveries.findById(deliveryId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.subscriptionId.equals(id)) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        if (delivery.status == DeliveryStatus.IN_FLIGHT) {
            throw ProblemException.conflict("delivery " + deliveryId + " is being sent right now; look again shortly");
        }
        delivery.redeliver(now());
        deliveries.madeDue();
        return delivery;
    }

    /** Checks what create and update share; returns the event types, deduplicated in the order given. */
    private Set<String> check(String url, List<String> eventTypes, String description,
            List<Problem.FieldError> errors) {
        try {
            guard.check(url);
        } catch (TargetGuard.RefusedTarget e) {
            errors.add(new Problem.FieldError("url", e.getMessage()));
        }
        Set<String> types = new LinkedHashSet<>();
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "must name at least one event type"));
        } else {
            int unknown = 0;
            for (int i = 0; i < eventTypes.size(); i++) {
                String type = eventTypes.get(i);
                String current = type == null ? null : WebhookEventTypes.canonical(type.strip());
                if (current == null) {
                    // a few named are enough to act on; ten thousand would make the answer megabytes
                    if (unknown++ < MAX_REPORTED_UNKNOWN_TYPES) {
                        errors.add(new Problem.FieldError("eventTypes[" + i + "]", "unknown event type '" + type
                                + "'; known: " + String.join(", ", WebhookEventTypes.KNOWN)));
                    }
                } else {
                    types.add(current); // a legacy name is stored as its current name
                }
            }
            if (unknown > MAX_REPORTED_UNKNOWN_TYPES) {
                errors.add(new Problem.FieldError("eventTypes", (unknown - MAX_REPORTED_UNKNOWN_TYPES)
                        + " more unknown event types"));
            }
        }
        if (description != null && description.length() > DESCRIPTION_LENGTH) {
            errors.add(new Problem.FieldError("description", "must be at most " + DESCRIPTION_LENGTH + " characters"));
        }
        return types;
    }

    private static void rejectIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(400, "validation", "Invalid request", detail).with("errors", errors);
    }

    private static String clean(String description) {
        return description == null || description.isBlank() ? null : description.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
