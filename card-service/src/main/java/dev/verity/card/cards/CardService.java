package dev.verity.card.cards;

import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.collections.CollectionService;
import dev.verity.card.collections.Role;
import dev.verity.card.collections.VerificationIntervals;
import dev.verity.card.content.LineDiff;
import dev.verity.card.directory.Directory;
import dev.verity.card.folders.FolderService;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Card use cases for the person behind the request: each checks their role in the card's collection, then makes
 * one change in one transaction through {@link CardWrites}.
 */
@ApplicationScoped
public class CardService {

    private final CardRepository cards;
    private final CardVersionRepository versions;
    private final CollectionRepository collectionRepository;
    private final CollectionRoles access;
    private final CardWrites writes;
    private final FolderService folders;
    private final CollectionService collections;
    private final Directory directory;
    private final jakarta.enterprise.event.Event<CardOpened> opened;

    CardService(CardRepository cards, CardVersionRepository versions, CollectionRepository collectionRepository,
            CollectionRoles access, CardWrites writes, FolderService folders, CollectionService collections,
            Directory directory, jakarta.enterprise.event.Event<CardOpened> opened) {
        this.opened = opened;
        this.cards = cards;
        this.versions = versions;
        this.collectionRepository = collectionRepository;
        this.access = access;
        this.writes = writes;
        this.folders = folders;
        this.collections = collections;
        this.directory = directory;
    }

    @Transactional
    public Card create(UUID collectionId, List<UUID> folderIds, CardDraft draft, String actor) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        Collection collection = collectionRepository.findById(collectionId);
        folders.requireInCollection("folderIds", collectionId, folderIds);
        validatePeople(draft, actor, collection);
        collections.requireFuture("verifyOn", draft.verifyOn());
        return writes.create(collection, folderIds, draft, null, CardVersion.Change.CREATED, actor);
    }

    /**
     * Replaces title, body and tags (and the optional fields when given). The row is locked while the expected
     * version is checked, so of two editors holding the same version exactly one succeeds.
     */
    @Transactional
    public Card update(UUID id, OptionalLong expectedVersion, CardDraft draft, String actor) {
        Card card = locked(id, Role.AUTHOR, expectedVersion);
        validatePeople(draft, actor, collectionRepository.findById(card.collectionId));
        collections.requireFuture("verifyOn", draft.verifyOn());
        writes.edit(card, draft, CardVersion.Change.EDITED, actor);
        return card;
    }

    /** Moves the card to another collection and/or other folders; its id, slug and history stay. */
    @Transactional
    public Card move(UUID id, OptionalLong expectedVersion, UUID collectionId, List<UUID> folderIds, String actor) {
        Card card = locked(id, Role.AUTHOR, expectedVersion);
        UUID target = collectionId == null ? card.collectionId : collectionId;
        if (!target.equals(card.collectionId)) {
            access.require(target, Role.AUTHOR, "collection " + target);
        }
        folders.requireInCollection("folderIds", target, folderIds);
        writes.move(card, target, folderIds, actor);
        return card;
    }

    @Transactional
    public Card archive(UUID id, OptionalLong expectedVersion, String actor) {
        Card card = locked(id, Role.AUTHOR, expectedVersion);
        writes.archive(card, actor);
        return card;
    }

    @Transactional
    public Card restore(UUID id, OptionalLong expectedVersion, String actor) {
        Card card = locked(id, Role.AUTHOR, expectedVersion);
        writes.restore(card, actor);
        return card;
    }

    /** Only an ADMIN deletes, and only an archived card: deleting is for mistakes and legal requests. */
    @Transactional
    public void delete(UUID id, String actor) {
        Card card = locked(id, Role.READ_ONLY, OptionalLong.empty());
        if (!access.isAdmin()) {
            throw ProblemException.forbidden("only an ADMIN can delete a card; archive it instead");
        }
        writes.delete(card, actor);
    }

    /** Makes an old version's title, body and tags current again, as a new version. */
    @Transactional
    public Card restoreVersion(UUID id, long version, OptionalLong expectedVersion, String actor) {
        Card card = locked(id, Role.AUTHOR, expectedVersion);
        CardVersion old = version(card, version);
        CardDraft draft = new CardDraft(old.title, old.body, old.tags, null, null, null, null, null, null,
                "Restored version " + version);
        if (!writes.edit(card, draft, CardVersion.Change.RESTORED_VERSION, actor)) {
            throw ProblemException.conflict("version " + version + " says exactly what the card says now");
        }
        return card;
    }

    public Card get(UUID id) {
        Card card = cards.findById(id);
        if (card == null) {
            throw ProblemException.notFound("card", id);
        }
        access.require(card.collectionId, Role.READ_ONLY, "card " + id);
        return card;
    }

    /** {@link #get}, as a person or a client opening the card to read it: observers of {@link CardOpened} hear of it. */
    public Card open(UUID id) {
        Card card = get(id);
        opened.fire(new CardOpened(card.id, card.collectionId, access.userId()));
        return card;
    }

    /** {@link #bySlug}, as a reader opening the card (see {@link #open}). */
    public Card openBySlug(String slug) {
        Card card = bySlug(slug);
        opened.fire(new CardOpened(card.id, card.collectionId, access.userId()));
        return card;
    }

    public Card bySlug(String slug) {
        Card card = cards.bySlug(slug).orElseThrow(() -> ProblemException.notFound("card", slug));
        access.require(card.collectionId, Role.READ_ONLY, "card " + slug);
        return card;
    }

    /** Newest change first; keyset-paginated by (updatedAt, id). */
    public List<Card> list(CardFilter filter, PageCursor after, int limit) {
        return cards.matching(filter, access.visibility(), after, limit);
    }

    /** The card's versions, newest first; {@code before} is the last version number of the previous page. */
    public List<CardVersion> versions(UUID id, Long before, int limit) {
        get(id);
        return versions.page(id, before, limit);
    }

    public CardVersion version(UUID id, long version) {
        return version(get(id), version);
    }

    /** A line diff of the Markdown (and the title) between two versions of one card. */
    public LineDiff diff(UUID id, long from, long to) {
        Card card = get(id);
        CardVersion a = version(card, from);
        CardVersion b = version(card, to);
        return LineDiff.between("v" + from, "# " + a.title + "\n\n" + a.body, "v" + to, "# " + b.title + "\n\n" + b.body);
    }

    private CardVersion version(Card card, long version) {
        return versions.of(card.id, version)
                .orElseThrow(() -> ProblemException.notFound("version", version + " of card " + card.id));
    }

    private Card locked(UUID id, Role needed, OptionalLong expectedVersion) {
        Card peek = cards.findById(id);
        if (peek == null) {
            throw ProblemException.notFound("card", id);
        }
        access.require(peek.collectionId, needed, "card " + id);
        cards.lock(peek);
        VersionTags.requireMatch(expectedVersion, peek.version, "card " + id);
        return peek;
    }

    private void validatePeople(CardDraft draft, String actor, Collection collection) {
        if (draft.verifierId() != null) {
            collections.requireVerifier("verifierId", draft.verifierId(), actor, collection);
        }
        if (draft.ownerId() != null && !draft.ownerId().equals(actor)
                && directory.knownUsers(List.of(draft.ownerId())).isEmpty()) {
            throw ProblemException.invalidParameter("ownerId", "no user '" + draft.ownerId() + "' in the directory");
        }
        VerificationIntervals.require("verificationIntervalDays", draft.verificationIntervalDays());
    }
}
