package dev.verity.card.cards;

import dev.verity.card.collections.Collection;
import dev.verity.card.content.TextRules;
import dev.verity.events.CardEventTypes;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates many cards at once (an import batch): what {@link CardWrites#create} does for one card, in three
 * statements for the whole set instead of a few per card. One query finds which candidate slugs are taken; one
 * {@code INSERT ... SELECT FROM unnest(...)} ({@link CardBatchRepository}) writes the cards and their first versions; the
 * {@code card.created} events join the enclosing {@link CardWrites#batched} call (one outbox statement). Nothing goes
 * through Hibernate, so nothing is flushed per card.
 */
@ApplicationScoped
public class CardBatchWrites {

    /**
     * A new card checked and rendered by {@link #prepare}: title stripped, tags normalised, body valid and its safe
     * HTML ready.
     */
    public record NewCard(String title, String body, String bodyHtml, List<String> tags, String externalId) {
    }

    private final CardBatchRepository repository;
    private final CardWrites writes;
    private final SlugSuffixes suffixes;
    private final Clock clock;

    CardBatchWrites(CardBatchRepository repository, CardWrites writes, SlugSuffixes suffixes, Clock clock) {
        this.repository = repository;
        this.writes = writes;
        this.suffixes = suffixes;
        this.clock = clock;
    }

    /**
     * Every check {@link CardWrites#create} makes of a new card's content, and the rendering: a refusal is a
     * {@link ProblemException} naming the field, as for a card written through the API.
     */
    public static NewCard prepare(String title, String body, List<String> tags, String externalId, String summary) {
        List<String> normalised = CardWrites.normaliseTags(tags);
        TextRules.requireValidCard(title, body, normalised, summary);
        return new NewCard(title.strip(), body, CardWrites.render(body), normalised, externalId);
    }

    /**
     * Creates the cards in {@code collection} with the collection's verification defaults, the actor as author and
     * owner, version 1 recorded as {@code change} with {@code summary}; their {@code card.created} events are
     * published in list order.
     *
     * @return the created cards, in list order (not managed by Hibernate)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Card> createAll(Collection collection, List<NewCard> newCards, CardStatus status,
            CardVersion.Change change, String summary, String actor) {
        if (newCards.isEmpty()) {
            return List.of();
        }
        if (status == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status", "a new card is DRAFT or PUBLISHED");
        }
        Instant now = clock.instant();
        String[] slugs = SlugAllocation.allocate(newCards.stream().map(NewCard::title).toList(), suffixes::next,
                repository::slugsTaken);
        List<Card> cards = new ArrayList<>(newCards.size());
        for (int i = 0; i < newCards.size(); i++) {
            NewCard n = newCards.get(i);
            Card card = new Card();
            card.id = UUID.randomUUID();
            card.version = 1;
            card.collectionId = collection.id;
            card.folderIds = new ArrayList<>();
            card.title = n.title();
            card.body = n.body();
            card.bodyHtml = n.bodyHtml();
            card.tags = new ArrayList<>(n.tags());
            card.status = status;
            card.authorId = actor;
            card.ownerId = actor;
            card.verifierId = collection.defaultVerifierId;
            card.verificationIntervalDays = collection.defaultIntervalDays;
            card.verifyOn = collection.defaultVerifyOn;
            card.externalId = n.externalId();
            card.slug = slugs[i];
            card.createdAt = now;
            card.createdBy = actor;
            card.updatedAt = now;
            card.updatedBy = actor;
            cards.add(card);
        }
        repository.insertWithFirstVersions(collection, cards, status, change, summary, actor, now);
        writes.batched(() -> cards.forEach(card -> writes.publish(CardEventTypes.CREATED, card, actor)));
        return cards;
    }

    /** What an import compares a document with: a card's content and status, not managed by Hibernate. */
    public record Current(UUID id, String externalId, String title, String body, List<String> tags, CardStatus status) {
    }

    /**
     * The collection's cards with any of the external ids, read in one query without locking them: an import
     * compares with them and skips the unchanged ones, and locks only those it then changes
     * ({@link CardRepository#byExternalIdsLocked}).
     */
    public Map<String, Current> currentByExternalId(UUID collectionId, List<String> externalIds) {
        return repository.currentByExternalId(collectionId, externalIds);
    }
}
