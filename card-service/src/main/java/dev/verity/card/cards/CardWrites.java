package dev.verity.card.cards;

import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Collection;
import dev.verity.card.content.MarkdownRenderer;
import dev.verity.card.content.MarkdownTooComplexException;
import dev.verity.card.content.Slugs;
import dev.verity.card.content.TextRules;
import dev.verity.events.CardEvent;
import dev.verity.events.Topics;
import dev.verity.platform.outbox.Outbox;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The one place a card's state changes: every write bumps the version, records it in the history and puts the
 * event in the outbox, inside the caller's transaction. Callers have already checked access (a request's
 * {@link CollectionRoles}, or an import job's owner when it was submitted).
 *
 * <p>Every refusal (a {@link ProblemException}) is thrown before anything is written, so it does not doom the
 * caller's transaction: an import batch records the refused item and goes on with the others.
 */
@ApplicationScoped
public class CardWrites {

    private final CardRepository cards;
    private final CardVersionRepository versions;
    private final Outbox outbox;
    private final Clock clock;
    private final SlugSuffixes suffixes;

    CardWrites(CardRepository cards, CardVersionRepository versions, Outbox outbox, Clock clock, SlugSuffixes suffixes) {
        this.suffixes = suffixes;
        this.cards = cards;
        this.versions = versions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Card create(Collection collection, List<UUID> folderIds, CardDraft draft, String externalId,
            CardVersion.Change change, String actor) {
        if (draft.status() == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status", "a new card is DRAFT or PUBLISHED");
        }
        List<String> tags = normaliseTags(draft.tags());
        TextRules.requireValidCard(draft.title(), draft.body(), tags, draft.summary());
        Instant now = clock.instant();
        Card card = new Card();
        card.id = UUID.randomUUID();
        card.version = 1;
        card.collectionId = collection.id;
        card.folderIds = new ArrayList<>(new LinkedHashSet<>(folderIds));
        card.title = draft.title().strip();
        card.body = draft.body();
        card.bodyHtml = render(draft.body());
        card.tags = tags;
        card.status = draft.status() == null ? CardStatus.PUBLISHED : draft.status();
        card.authorId = actor;
        card.ownerId = draft.ownerId() == null ? actor : draft.ownerId();
        card.verifierId = draft.verifierId() == null ? collection.defaultVerifierId : draft.verifierId();
        card.verificationIntervalDays = draft.verificationIntervalDays() == null ? collection.defaultIntervalDays
                : draft.verificationIntervalDays();
        card.verifyOn = draft.verifyOn() == null ? collection.defaultVerifyOn : draft.verifyOn();
        card.sourceUrl = draft.sourceUrl();
        card.externalId = externalId;
        card.slug = uniqueSlug(card.title);
        card.createdAt = now;
        card.createdBy = actor;
        card.updatedAt = now;
        card.updatedBy = actor;
        cards.persist(card);
        record(card, change, draft.summary(), dev.verity.events.CardEventTypes.CREATED, actor);
        return card;
    }

    /** Applies the draft; returns false (and changes nothing) when it would leave the card exactly as it is. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public boolean edit(Card card, CardDraft draft, CardVersion.Change change, String actor) {
        requireEditable(card);
        if (draft.status() == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status",
                    "archive with POST /cards/" + card.id + "/archive, which takes the card out of search and verification");
        }
        List<String> tags = normaliseTags(draft.tags());
        TextRules.requireValidCard(draft.title(), draft.body(), tags, draft.summary());
        String title = draft.title().strip();
        boolean same = title.equals(card.title) && draft.body().equals(card.body) && tags.equals(card.tags)
                && (draft.status() == null || draft.status() == card.status)
                && (draft.verifierId() == null || draft.verifierId().equals(card.verifierId))
                && (draft.verificationIntervalDays() == null || draft.verificationIntervalDays() == card.verificationIntervalDays)
                && (draft.verifyOn() == null || draft.verifyOn().equals(card.verifyOn))
                && (draft.ownerId() == null || draft.ownerId().equals(card.ownerId))
                && (draft.sourceUrl() == null || draft.sourceUrl().equals(card.sourceUrl));
        if (same) {
            return false;
        }
        // rendered before anything changes, so a refused body leaves the card untouched (an import goes on)
        String bodyHtml = draft.body().equals(card.body) ? card.bodyHtml : render(draft.body());
        card.title = title;
        card.body = draft.body();
        card.bodyHtml = bodyHtml;
        card.tags = tags;
        if (draft.status() != null) {
            card.status = draft.status();
        }
        if (draft.verifierId() != null) {
            card.verifierId = draft.verifierId();
        }
        if (draft.verificationIntervalDays() != null) {
            card.verificationIntervalDays = draft.verificationIntervalDays();
        }
        if (draft.verifyOn() != null) {
            card.verifyOn = draft.verifyOn();
        }
        if (draft.ownerId() != null) {
            card.ownerId = draft.ownerId();
        }
        if (draft.sourceUrl() != null) {
            card.sourceUrl = draft.sourceUrl();
        }
        bump(card, actor);
        record(card, change, draft.summary(), dev.verity.events.CardEventTypes.UPDATED, actor);
        return true;
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void move(Card card, UUID collectionId, List<UUID> folderIds, String actor) {
        requireEditable(card);
        card.collectionId = collectionId;
        card.folderIds = new ArrayList<>(new LinkedHashSet<>(folderIds));
        bump(card, actor);
        record(card, CardVersion.Change.MOVED, null, dev.verity.events.CardEventTypes.MOVED, actor);
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void archive(Card card, String actor) {
        if (card.status == CardStatus.ARCHIVED) {
            throw ProblemException.conflict("card " + card.id + " is already archived");
        }
        card.statusBeforeArchive = card.status;
        card.status = CardStatus.ARCHIVED;
        bump(card, actor);
        record(card, CardVersion.Change.ARCHIVED, null, dev.verity.events.CardEventTypes.ARCHIVED, actor);
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void restore(Card card, String actor) {
        if (card.status != CardStatus.ARCHIVED) {
            throw ProblemException.conflict("card " + card.id + " is not archived (it is " + card.status + ")");
        }
        card.status = card.statusBeforeArchive == null ? CardStatus.PUBLISHED : card.statusBeforeArchive;
        card.statusBeforeArchive = null;
        bump(card, actor);
        record(card, CardVersion.Change.RESTORED, null, dev.verity.events.CardEventTypes.RESTORED, actor);
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void delete(Card card, String actor) {
        if (card.status != CardStatus.ARCHIVED) {
            throw ProblemException.conflict("only an archived card can be deleted; archive card " + card.id + " first");
        }
        bump(card, actor);
        publish(dev.verity.events.CardEventTypes.DELETED, card, actor);
        cards.delete(card);
    }

    private void requireEditable(Card card) {
        if (card.status == CardStatus.ARCHIVED) {
            throw ProblemException.conflict("card " + card.id + " is archived; restore it before changing it");
        }
    }

    /** The body as safe HTML; a body whose rendering would exceed a limit is refused (400 naming the limit). */
    static String render(String body) {
        try {
            return MarkdownRenderer.toSafeHtml(body);
        } catch (MarkdownTooComplexException e) {
            throw ProblemException.invalidParameter("body", e.getMessage())
                    .with("limit", e.limit()).with("max", e.max()).with("actual", e.actual());
        }
    }

    private void bump(Card card, String actor) {
        card.version++;
        card.updatedAt = clock.instant();
        card.updatedBy = actor;
    }

    private void record(Card card, CardVersion.Change change, String summary, String eventType, String actor) {
        versions.persist(CardVersion.of(card, change, summary));
        publish(eventType, card, actor);
    }

    /** Records the card's event (in a {@link #batched} run: at its end); {@link CardBatchWrites} creates through it too. */
    void publish(String type, Card card, String actor) {
        CardEvent event = new CardEvent(card.id, card.version, actor, card.updatedAt, card.snapshot());
        List<Outbox.Event> batched = batch.get();
        if (batched != null) {
            batched.add(new Outbox.Event(Topics.CARDS, card.id.toString(), type, card.id.toString(), event));
        } else {
            outbox.publish(Topics.CARDS, card.id.toString(), type, card.id.toString(), event);
        }
    }

    /** The events of the writes {@link #batched} runs on this thread, until they are written at its end. */
    private final ThreadLocal<List<Outbox.Event>> batch = new ThreadLocal<>();

    /**
     * Runs many writes in the caller's transaction and records all their events at the end with one
     * {@link Outbox#publishAll} (one statement, not one a card), in the order they were made, so each card's events
     * keep their order. An import batch is the caller. A refused write (a {@link ProblemException}) adds no event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void batched(Runnable writes) {
        if (batch.get() != null) {
            writes.run();
            return;
        }
        List<Outbox.Event> events = new ArrayList<>();
        batch.set(events);
        try {
            writes.run();
        } finally {
            batch.remove();
        }
        outbox.publishAll(events);
    }

    /**
     * The title's slug with a random suffix ({@code refund-policy-k3x9q2}). Slugs are unique across all cards, and
     * a collision resolved by numbering ({@code -2}) would tell anyone who can create a card the titles of cards in
     * collections they cannot see; a random suffix says nothing about other cards, and a repeat is retried.
     */
    private String uniqueSlug(String title) {
        String base = Slugs.slugify(title);
        while (true) {
            String slug = Slugs.withSuffix(base, suffixes.next());
            if (!cards.slugTaken(slug)) {
                return slug;
            }
        }
    }

    /** Tags are case-insensitive labels: trimmed, lower-cased, duplicates dropped, order kept. */
    public static List<String> normaliseTags(List<String> tags) {
        if (tags == null) {
            return new ArrayList<>();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            unique.add(tag == null ? null : tag.strip().toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(unique);
    }
}
