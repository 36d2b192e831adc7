package dev.verity.notification.webhooks.domain;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.VerificationEventTypes;
import java.util.Set;
import java.util.TreeSet;

/** The event types a subscription may ask for: those of the topics this service relays to webhooks. */
public final class WebhookEventTypes {

    public static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<>(CardEventTypes.SNAPSHOT_TYPES);
        known.addAll(CommentEventTypes.ALL);
        known.addAll(VerificationEventTypes.ALL);
        KNOWN = java.util.Collections.unmodifiableSet(known);
    }

    private WebhookEventTypes() {
    }
}
