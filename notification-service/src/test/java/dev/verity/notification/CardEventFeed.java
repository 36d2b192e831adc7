package dev.verity.notification;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.testing.TestCardEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The card shapes this module's tests need, published through test-support's {@link TestCardEvents} (binary
 * CloudEvents on verity.cards, keyed by card id, as card-service publishes them).
 */
final class CardEventFeed {

    static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");
    /**
     * A collection no collection event names, so a card's verifier and owner are told without a grant, as for a
     * collection whose event has not arrived yet (the access check applies once it has; tests of it publish their
     * own). Random per run: other modules' tests publish an access list for their fixed shared id on the same broker.
     */
    static final UUID COLLECTION = UUID.randomUUID();

    private CardEventFeed() {
    }

    /** Version {@code version} of a card written by alice; it changed {@code version - 1} minutes after creation. */
    static CardSnapshot card(UUID id, long version, String title, String verifierId) {
        return card(id, version, title, verifierId, "PUBLISHED");
    }

    /** The same, in {@code status} (DRAFT, PUBLISHED or ARCHIVED). */
    static CardSnapshot card(UUID id, long version, String title, String verifierId, String status) {
        return owned(id, version, title, verifierId, status, "alice");
    }

    /** The same, owned by {@code ownerId} (told of comments). */
    static CardSnapshot owned(UUID id, long version, String title, String verifierId, String status, String ownerId) {
        return new CardSnapshot(id, version, title, "Body of " + title, List.of("faq"), status, "alice",
                verifierId, 90, CREATED, CREATED.plus(Duration.ofMinutes(version - 1)), COLLECTION, List.of(),
                "card-" + id, ownerId, null, null);
    }

    /** Version {@code version} of a card written by alice in {@code collection}, owned by {@code ownerId}. */
    static CardSnapshot ownedIn(UUID collection, UUID id, long version, String title, String verifierId,
            String ownerId) {
        CardSnapshot card = owned(id, version, title, verifierId, "PUBLISHED", ownerId);
        return new CardSnapshot(card.id(), card.version(), card.title(), card.body(), card.tags(), card.status(),
                card.authorId(), card.verifierId(), card.verificationIntervalDays(), card.createdAt(), card.updatedAt(),
                collection, card.folderIds(), card.slug(), card.ownerId(), null, null);
    }

    /** Version {@code version} of a card written by alice in {@code collection}. */
    static CardSnapshot inCollection(UUID collection, UUID id, long version, String title, String verifierId) {
        return new CardSnapshot(id, version, title, "Body of " + title, List.of("faq"), "PUBLISHED", "alice",
                verifierId, 90, CREATED, CREATED.plus(Duration.ofMinutes(version - 1)), collection, List.of(),
                "card-" + id, "alice", null, null);
    }

    /** Publishes and returns the event id. */
    static String created(CardSnapshot card) {
        return publish(CardEventTypes.CREATED, UUID.randomUUID().toString(), card, card.authorId());
    }

    static String updated(CardSnapshot card, String actor) {
        return publish(CardEventTypes.UPDATED, UUID.randomUUID().toString(), card, actor);
    }

    /** Publishes an event of {@code type} under a fresh event id and returns that id. */
    static String event(String type, CardSnapshot card, String actor) {
        return publish(type, UUID.randomUUID().toString(), card, actor);
    }

    static String publish(String type, String eventId, CardSnapshot card, String actor) {
        return TestCardEvents.publish(type, eventId, actor, card);
    }
}
