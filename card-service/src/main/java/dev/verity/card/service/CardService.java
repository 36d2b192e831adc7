package dev.verity.card.service;

import dev.verity.card.domain.Card;
import dev.verity.card.domain.CardStatus;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/** Card use cases. Each is one transaction that changes the card and records its event in the outbox. */
@ApplicationScoped
public class CardService {

    public static final int DEFAULT_VERIFICATION_INTERVAL_DAYS = 90;

    private final Outbox outbox;
    private final Clock clock;

    CardService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Card create(CardDraft draft, String actor) {
        Instant now = clock.instant();
        Card card = new Card();
        card.id = UUID.randomUUID();
        card.version = 1;
        card.title = draft.title().strip();
        card.body = draft.body();
        card.tags = normaliseTags(draft.tags());
        card.status = draft.status() == null ? CardStatus.PUBLISHED : draft.status();
        card.authorId = actor;
        card.verifierId = draft.verifierId() == null ? actor : draft.verifierId();
        card.verificationIntervalDays = draft.verificationIntervalDays() == null
                ? DEFAULT_VERIFICATION_INTERVAL_DAYS : draft.verificationIntervalDays();
        card.createdAt = now;
        card.createdBy = actor;
        card.updatedAt = now;
        card.updatedBy = actor;
        card.persist();
        publish(CardEventTypes.CREATED, card, actor);
        return card;
    }

    /**
     * Replaces title, body and tags (and verifier, interval or status when given). The row is locked while the
     * expected version is checked, so of two editors holding the same version exactly one succeeds.
     */
    @Transactional
    public Card update(UUID id, OptionalLong expectedVersion, CardDraft draft, String actor) {
        Card card = Card.<Card>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("card", id));
        VersionTags.requireMatch(expectedVersion, card.version, "card " + id);
        card.title = draft.title().strip();
        card.body = draft.body();
        card.tags = normaliseTags(draft.tags());
        if (draft.status() != null) {
            card.status = draft.status();
        }
        if (draft.verifierId() != null) {
            card.verifierId = draft.verifierId();
        }
        if (draft.verificationIntervalDays() != null) {
            card.verificationIntervalDays = draft.verificationIntervalDays();
        }
        card.version++;
        card.updatedAt = clock.instant();
        card.updatedBy = actor;
        publish(CardEventTypes.UPDATED, card, actor);
        return card;
    }

    public Card get(UUID id) {
        return Card.<Card>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("card", id));
    }

    private void publish(String type, Card card, String actor) {
        CardEvent event = new CardEvent(card.id, card.version, actor, card.updatedAt, card.snapshot());
        outbox.publish(Topics.CARDS, card.id.toString(), type, card.id.toString(), event);
    }

    /** Tags are case-insensitive labels: trimmed, lower-cased, duplicates dropped, order kept. */
    static List<String> normaliseTags(List<String> tags) {
        if (tags == null) {
            return new java.util.ArrayList<>();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            unique.add(tag.strip().toLowerCase(Locale.ROOT));
        }
        return new java.util.ArrayList<>(unique);
    }
}
