package dev.verity.notification.webhooks;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.EventTypes;
import dev.verity.events.VerificationEventTypes;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types a subscription may ask for: those of the topics this service relays to webhooks, by their current
 * (reverse-DNS) names. A legacy bare name ({@code card.updated}) is accepted and stored as its current name
 * ({@link #canonical}); subscriptions stored with legacy names before the switch are matched by both
 * ({@code SubscriptionRepository.activeFor}) and shown with the current names: normalised on read, no migration.
 */
public final class WebhookEventTypes {

    public static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<>(CardEventTypes.SNAPSHOT_TYPES);
        known.addAll(CommentEventTypes.ALL);
        known.addAll(VerificationEventTypes.ALL);
        KNOWN = java.util.Collections.unmodifiableSet(known);
    }

    /** The current name of a type a subscription names, legacy or not; null when it is none a subscription may ask for. */
    public static String canonical(String type) {
        String current = EventTypes.normalise(type);
        return KNOWN.contains(current) ? current : null;
    }

    private WebhookEventTypes() {
    }
}
