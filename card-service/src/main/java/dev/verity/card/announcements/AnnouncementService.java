package dev.verity.card.announcements;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardRepository;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Role;
import dev.verity.card.directory.Directory;
import dev.verity.card.directory.PrincipalType;
import dev.verity.events.AnnouncementEvent;
import dev.verity.events.AnnouncementEventTypes;
import dev.verity.events.Topics;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Announcements: an AUTHOR of a card's collection announces the card to users and directory groups; every recipient
 * (the users and the groups' members, each once, never the author, only those who may read the card) is told
 * through the {@code announcement.*} events and acknowledges. Authors see who has and has not acknowledged, remind
 * those who have not (at most once per {@link AnnouncementConfig#reminderInterval}) and, after an edit, ask everyone
 * to acknowledge the new version (a renewal). A recipient who can no longer read the card neither sees nor is
 * reminded of it: read access is checked at every step, not only when announcing.
 */
@ApplicationScoped
public class AnnouncementService {

    private final AnnouncementRepository announcements;
    private final CardRepository cards;
    private final CollectionRoles access;
    private final Directory directory;
    private final dev.verity.platform.outbox.Outbox outbox;
    private final AnnouncementConfig config;
    private final Clock clock;

    AnnouncementService(AnnouncementRepository announcements, CardRepository cards, CollectionRoles access,
            Directory directory, dev.verity.platform.outbox.Outbox outbox, AnnouncementConfig config, Clock clock) {
        this.announcements = announcements;
        this.cards = cards;
        this.access = access;
        this.directory = directory;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public AnnouncementView announce(UUID cardId, List<String> userIds, List<String> groupIds, String message,
            String actor) {
        Card card = card(cardId);
        access.require(card.collectionId, Role.AUTHOR, "card " + cardId);
        if (card.status == CardStatus.ARCHIVED) {
            throw ProblemException.conflict("card " + cardId + " is archived; restore it before announcing it");
        }
        Set<String> users = new LinkedHashSet<>(userIds);
        Set<String> groups = new LinkedHashSet<>(groupIds);
        if (users.isEmpty() && groups.isEmpty()) {
            throw invalid("userIds", "name at least one user or group to announce the card to");
        }
        requireKnown(users, groups);
        Instant now = clock.instant();
        Announcement announcement = new Announcement();
        announcement.id = UUID.randomUUID();
        announcement.cardId = card.id;
        announcement.authorId = actor;
        announcement.message = message == null || message.isBlank() ? null : message.strip();
        announcement.userIds = new ArrayList<>(users);
        announcement.groupIds = new ArrayList<>(groups);
        announcement.round = 1;
        announcement.announcedVersion = card.version;
        announcement.createdAt = now;
        announcement.updatedAt = now;
        announcements.persist(announcement);
        announcements.flush();
        int added = announcements.addRecipients(announcement.id, card.collectionId, announcement.userIds,
                announcement.groupIds, actor);
        if (added == 0) {
            throw invalid(users.isEmpty() ? "groupIds" : "userIds", "nobody named (you aside) may read card "
                    + cardId + "; grant them access to its collection first");
        }
        requireWithinLimit(added);
        List<AnnouncementRepository.Recipient> recipients = announcements.recipients(announcement.id,
                card.collectionId);
        publish(AnnouncementEventTypes.CREATED, card, announcement, recipients, readers(recipients), actor);
        return authorView(card, announcement, recipients);
    }

    /** The card's announcements, newest first, with their counts: for its collection's AUTHORs. */
    public List<AnnouncementView> ofCard(UUID cardId, PageCursor after, int limit) {
        Card card = card(cardId);
        access.require(card.collectionId, Role.AUTHOR, "card " + cardId);
        List<Announcement> page = announcements.ofCard(cardId, after, limit);
        Map<UUID, AnnouncementRepository.Counts> counts = announcements.counts(
                page.stream().map(a -> a.id).toList(), card.collectionId);
        return page.stream().map(a -> new AnnouncementView(a, card.title, card.version,
                counts.getOrDefault(a.id, new AnnouncementRepository.Counts(0, 0)), null, null,
                nextReminderAt(a))).toList();
    }

    /** One announcement: every recipient for an AUTHOR, the caller's own acknowledgement for a recipient. */
    public AnnouncementView get(UUID id) {
        Announcement announcement = announcement(id, false);
        Card card = card(announcement.cardId);
        Optional<Role> role = access.roleIn(card.collectionId);
        if (role.isPresent() && role.get().includes(Role.AUTHOR)) {
            AnnouncementView view = authorView(card, announcement,
                    announcements.recipients(announcement.id, card.collectionId));
            return new AnnouncementView(announcement, card.title, card.version, view.counts(), view.recipients(),
                    announcements.received(id, access.userId()), view.nextReminderAt());
        }
        return recipientView(card, announcement, role);
    }

    /** "Got it": idempotent, the first acknowledgement of the round stays and only it is published. */
    @Transactional
    public AnnouncementView acknowledge(UUID id, String actor) {
        Announcement announcement = announcement(id, false);
        Card card = card(announcement.cardId);
        recipientView(card, announcement, access.roleIn(card.collectionId));
        if (announcements.acknowledge(id, actor, clock.instant())) {
            publish(AnnouncementEventTypes.ACKNOWLEDGED, card, announcement,
                    announcements.recipients(id, card.collectionId), List.of(), actor);
        }
        return recipientView(card, announcement, access.roleIn(card.collectionId));
    }

    /** Tells again every recipient who has not acknowledged and may still read the card; at most once a day. */
    @Transactional
    public Reminded remind(UUID id, String actor) {
        Announcement announcement = announcement(id, true);
        Card card = card(announcement.cardId);
        access.require(card.collectionId, Role.AUTHOR, "announcement " + id);
        Instant now = clock.instant();
        Instant next = nextReminderAt(announcement);
        if (next != null && now.isBefore(next)) {
            throw ProblemException.tooManyRequests("announcement-reminders", Duration.between(now, next),
                    "recipients of announcement " + id + " were reminded at " + announcement.lastRemindedAt
                            + "; the next reminder is allowed from " + next)
                    .with("nextReminderAt", next.toString());
        }
        List<AnnouncementRepository.Recipient> recipients = announcements.recipients(id, card.collectionId);
        List<String> pending = recipients.stream().filter(r -> r.canRead() && r.acknowledgedAt() == null)
                .map(AnnouncementRepository.Recipient::userId).toList();
        if (pending.isEmpty()) {
            throw ProblemException.conflict("every recipient of announcement " + id
                    + " who may read the card has acknowledged it; nobody to remind");
        }
        announcement.lastRemindedAt = now;
        announcement.updatedAt = now;
        publish(AnnouncementEventTypes.REMINDED, card, announcement, recipients, pending, actor);
        return new Reminded(id, pending, now, nextReminderAt(announcement));
    }

    /**
     * After an edit, asks everyone to acknowledge the card's current version: a new round, acknowledgements reset,
     * recipients resolved again (a group's new members join), everyone who may read the card told again.
     */
    @Transactional
    public AnnouncementView renew(UUID id, String actor) {
        Announcement announcement = announcement(id, true);
        Card card = card(announcement.cardId);
        access.require(card.collectionId, Role.AUTHOR, "announcement " + id);
        if (card.status == CardStatus.ARCHIVED) {
            throw ProblemException.conflict("card " + card.id + " is archived; restore it before renewing its announcement");
        }
        if (card.version <= announcement.announcedVersion) {
            throw ProblemException.conflict("card " + card.id + " has not changed since version "
                    + announcement.announcedVersion + " was announced; renew after an edit")
                    .with("announcedVersion", announcement.announcedVersion);
        }
        Instant now = clock.instant();
        announcement.round++;
        announcement.announcedVersion = card.version;
        announcement.lastRemindedAt = null;
        announcement.updatedAt = now;
        announcements.resetAcknowledgements(id);
        announcements.addRecipients(id, card.collectionId, announcement.userIds, announcement.groupIds,
                announcement.authorId);
        List<AnnouncementRepository.Recipient> recipients = announcements.recipients(id, card.collectionId);
        requireWithinLimit(recipients.size());
        publish(AnnouncementEventTypes.RENEWED, card, announcement, recipients, readers(recipients), actor);
        return authorView(card, announcement, recipients);
    }

    /**
     * The caller's announcements of cards they may still read, newest first; {@code acknowledged} null for all,
     * {@code cardId} null for every card.
     */
    public List<AnnouncementView> received(Boolean acknowledged, UUID cardId, PageCursor after, int limit) {
        List<AnnouncementRepository.Received> page = announcements.receivedBy(access.userId(), access.visibility(),
                acknowledged, cardId, after, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<UUID, Announcement> byId = announcements.list("id in ?1",
                page.stream().map(AnnouncementRepository.Received::announcementId).toList()).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        Map<UUID, Card> cardsById = cards.list("id in ?1",
                byId.values().stream().map(a -> a.cardId).distinct().toList()).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        return page.stream().map(r -> {
            Announcement a = byId.get(r.announcementId());
            Card card = cardsById.get(a.cardId);
            return new AnnouncementView(a, card.title, card.version, null, null, r, null);
        }).toList();
    }

    /** The answer of a reminder: who was reminded and when the next reminder is allowed. */
    public record Reminded(UUID announcementId, List<String> remindedUserIds, Instant remindedAt,
            Instant nextReminderAt) {
    }

    private AnnouncementView authorView(Card card, Announcement announcement,
            List<AnnouncementRepository.Recipient> recipients) {
        int readers = (int) recipients.stream().filter(AnnouncementRepository.Recipient::canRead).count();
        int acknowledged = (int) recipients.stream().filter(r -> r.canRead() && r.acknowledgedAt() != null).count();
        return new AnnouncementView(announcement, card.title, card.version,
                new AnnouncementRepository.Counts(readers, acknowledged), recipients, null,
                nextReminderAt(announcement));
    }

    /** A recipient's view; 404 for anyone who is no recipient or may no longer read the card. */
    private AnnouncementView recipientView(Card card, Announcement announcement, Optional<Role> role) {
        AnnouncementRepository.Received received = role.isEmpty() || card.status == CardStatus.ARCHIVED ? null
                : announcements.received(announcement.id, access.userId());
        if (received == null) {
            throw ProblemException.notFound("announcement", announcement.id);
        }
        return new AnnouncementView(announcement, card.title, card.version, null, null, received, null);
    }

    private Instant nextReminderAt(Announcement announcement) {
        return announcement.lastRemindedAt == null ? null
                : announcement.lastRemindedAt.plus(config.reminderInterval());
    }

    private void requireKnown(Set<String> users, Set<String> groups) {
        Set<String> unknownUsers = new TreeSet<>(users);
        unknownUsers.removeAll(directory.knownUsers(users));
        if (!unknownUsers.isEmpty()) {
            throw invalid("userIds", "unknown users " + unknownUsers + " (not in the directory)");
        }
        Set<String> unknownGroups = new TreeSet<>();
        for (String group : groups) {
            if (!directory.exists(PrincipalType.GROUP, group)) {
                unknownGroups.add(group);
            }
        }
        if (!unknownGroups.isEmpty()) {
            throw invalid("groupIds", "unknown groups " + unknownGroups + " (not in the directory)");
        }
    }

    private void requireWithinLimit(int recipients) {
        if (recipients > config.maxRecipients()) {
            throw ProblemException.tooLarge("announcement-recipients", config.maxRecipients(), recipients,
                    "an announcement reaches at most " + config.maxRecipients() + " people; these users and groups are "
                            + recipients + ". Announce to smaller groups.");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.invalidParameter(field, message);
    }

    private static List<String> readers(List<AnnouncementRepository.Recipient> recipients) {
        return recipients.stream().filter(AnnouncementRepository.Recipient::canRead)
                .map(AnnouncementRepository.Recipient::userId).toList();
    }

    private Card card(UUID cardId) {
        Card card = cards.findById(cardId);
        if (card == null) {
            throw ProblemException.notFound("card", cardId);
        }
        return card;
    }

    private Announcement announcement(UUID id, boolean lock) {
        Announcement announcement = lock ? announcements.findById(id, LockModeType.PESSIMISTIC_WRITE)
                : announcements.findById(id);
        if (announcement == null) {
            throw ProblemException.notFound("announcement", id);
        }
        return announcement;
    }

    private void publish(String type, Card card, Announcement announcement,
            List<AnnouncementRepository.Recipient> recipients, List<String> told, String actor) {
        int readers = (int) recipients.stream().filter(AnnouncementRepository.Recipient::canRead).count();
        int acknowledged = (int) recipients.stream().filter(r -> r.canRead() && r.acknowledgedAt() != null).count();
        AnnouncementEvent event = new AnnouncementEvent(card.id, card.version, card.title, card.collectionId, actor,
                clock.instant(), announcement.snapshot(readers, acknowledged), List.copyOf(told));
        outbox.publish(Topics.ANNOUNCEMENTS, card.id.toString(), type, card.id.toString(), event);
    }
}
