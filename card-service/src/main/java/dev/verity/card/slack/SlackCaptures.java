package dev.verity.card.slack;

import dev.verity.card.capture.CaptureService;
import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardService;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Role;
import dev.verity.card.collections.Visibility;
import dev.verity.card.directory.DirectoryUserRepository;
import dev.verity.card.folders.Folder;
import dev.verity.card.folders.FolderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the Slack app does in card-service, always as the directory user the Slack request was identified as (and
 * with nothing but that user's grants): where they may save a thread, saving it once per modal, reading a card
 * they share.
 */
@ApplicationScoped
public class SlackCaptures {

    /** Slack's static menus take at most 100 options. */
    static final int MAX_OPTIONS = 100;

    /** A collection the person may author in, with its folders. */
    public record Place(UUID collectionId, String name, List<Folder> folders) {
    }

    /** The card a submission made; {@code created} false when an earlier submission of the same view made it. */
    public record Saved(UUID cardId, String title, boolean created) {
    }

    private final CollectionRepository collections;
    private final CollectionRoles roles;
    private final FolderRepository folders;
    private final DirectoryUserRepository users;
    private final CaptureService captures;
    private final CardService cards;
    private final SlackCaptureRepository saved;
    private final Clock clock;

    SlackCaptures(CollectionRepository collections, CollectionRoles roles, FolderRepository folders,
            DirectoryUserRepository users, CaptureService captures, CardService cards, SlackCaptureRepository saved,
            Clock clock) {
        this.collections = collections;
        this.roles = roles;
        this.folders = folders;
        this.users = users;
        this.captures = captures;
        this.cards = cards;
        this.saved = saved;
        this.clock = clock;
    }

    /** The directory users with this email (the Slack app's identification, see platform {@code SlackPeople}). */
    public List<String> usersWithEmail(String email) {
        return users.idsWithEmail(email);
    }

    /** The collections (at most 100) where the directory user may author, each with its folders. */
    @Transactional
    public List<Place> authorable(String userId) {
        Set<String> noTokenGroups = Set.of();
        return collections.visible(Visibility.of(userId, noTokenGroups), null, 500).stream()
                .filter(c -> roles.roleOf(c.id, userId, noTokenGroups, false).filter(r -> r.includes(Role.AUTHOR))
                        .isPresent())
                .limit(MAX_OPTIONS)
                .map((Collection c) -> new Place(c.id, c.name, folders.inCollection(c.id)))
                .toList();
    }

    /**
     * Creates the card through the capture path (its rules and limits, the author check as the request's user), once
     * per Slack view: a retried submission finds the view claimed and creates nothing.
     */
    @Transactional
    public Saved save(String viewId, CaptureService.Capture capture, String userId) {
        if (!saved.claim(viewId, clock.instant())) {
            return new Saved(saved.cardOf(viewId).orElse(null), null, false);
        }
        Card card = captures.capture(capture, userId);
        saved.recordCard(viewId, card.id);
        return new Saved(card.id, card.title, true);
    }

    /** What a shared card shows: its title, the start of its text, and whether it is published. */
    public record Shareable(UUID id, String title, String excerpt, String status) {

        public boolean published() {
            return CardStatus.PUBLISHED.name().equals(status);
        }
    }

    /** The card, if the request's user may read it (404 otherwise, as the API answers). */
    @Transactional
    public Shareable readable(UUID cardId) {
        Card card = cards.get(cardId);
        String excerpt = card.body.length() > 300 ? card.body.substring(0, 300) + "…" : card.body;
        return new Shareable(card.id, card.title, excerpt, card.status.name());
    }
}
