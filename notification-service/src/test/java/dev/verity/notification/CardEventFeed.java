package dev.verity.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes card events the way card-service does: binary CloudEvents on verity.cards, keyed by card id. */
final class CardEventFeed {

    static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");
    /**
     * A collection no collection event names, so a card's verifier and owner are told without a grant, as for a
     * collection whose event has not arrived yet (the access check applies once it has; tests of it publish their
     * own). Random per run: other modules' tests publish an access list for their fixed shared id on the same broker.
     */
    static final UUID COLLECTION = UUID.randomUUID();

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
        CardEvent event = new CardEvent(card.id(), card.version(), actor, card.updatedAt(), card);
        try {
            TestKafka.publish(Topics.CARDS, card.id().toString(), eventId, type, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
