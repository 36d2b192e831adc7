package dev.verity.notification.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.events.CommentEvent;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.notification.follows.CardFollower;
import dev.verity.notification.domain.CardVerification;
import dev.verity.notification.domain.CardVerifier;
import dev.verity.notification.domain.Notification;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.http.PageCursor;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Notifications: created from card, comment and verification events, read and acknowledged by their recipient. */
@ApplicationScoped
public class NotificationService {

    /** This service's name in the inbox: each event id is applied once per consumer. */
    public static final String CONSUMER = "notification-service";
    /** The comment consumer's name in the inbox. */
    public static final String COMMENTS_CONSUMER = "notification-service/comments";
    /** The verification consumer's name in the inbox. */
    public static final String VERIFICATIONS_CONSUMER = "notification-service/verifications";

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Clock clock;
    private final DirectoryService directory;
    private final NotificationDispatch dispatch;
    private final CardReaders readers;

    NotificationService(Clock clock, DirectoryService directory, NotificationDispatch dispatch, CardReaders readers) {
        this.readers = readers;
        this.clock = clock;
        this.directory = directory;
        this.dispatch = dispatch;
    }

    /**
     * Applies one card event, once: the inbox claim, the card memory and the notifications commit together, so a
     * redelivered event id never notifies twice. Whoever is verifier when a live card is first seen is told; after
     * that only a newer version that names a different verifier tells the new one. Nobody is told about an archived
     * (or deleted) card; a verifier named while it was archived is told when it is restored. Every newer version
     * but the first tells the card's followers who may read its collection (as of this version), except whoever made it
     * (and anyone told of the version already).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, CardEvent event, String type) {
        CardSnapshot card = event.card();
        String verifier = card.verifierId() == null || card.verifierId().isBlank() ? card.authorId()
                : card.verifierId();
        boolean archived = CardStatuses.ARCHIVED.equals(card.status());
        Map<String, Notification> told = new LinkedHashMap<>();
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        CardVerifier known = CardVerifier.findById(card.id(), LockModeType.PESSIMISTIC_WRITE);
        if (known != null && !known.isOlderThan(card.version())) {
            LOG.debugf("card %s v%d (%s): not newer than v%d; nobody to tell", card.id(), card.version(), type,
                    known.cardVersion);
            return;
        }
        if (known == null) {
            known = CardVerifier.of(card.id(), archived ? null : verifier, card.version());
            known.persist();
            if (!archived) {
                tellVerifier(verifier, event, CardEventTypes.CREATED.equals(type), told);
            }
        } else if (archived) {
            known.passArchived(card.version());
            tellFollowers(event, type, told);
        } else {
            if (known.advanceTo(card.version(), verifier)) {
                tellVerifier(verifier, event, CardEventTypes.CREATED.equals(type), told);
            }
            tellFollowers(event, type, told);
        }
        known.describe(card.collectionId(), card.authorId(), card.ownerId() == null ? card.authorId() : card.ownerId(),
                card.title(), archived);
        onlyReaders(told, card.collectionId());
        dispatch.deliver(eventId, told);
    }

    /** Each member of a verifier group known to the directory is told, otherwise the verifier id as is. */
    private void tellVerifier(String verifier, CardEvent event, boolean cardCreated, Map<String, Notification> told) {
        Recipients recipients = directory.recipientsOf(verifier, "card " + event.cardId());
        for (String member : recipients.userIds()) {
            told.put(member, Notification.verificationAssigned(member, event, cardCreated, recipients.groupName()));
        }
    }

    private void tellFollowers(CardEvent event, String type, Map<String, Notification> told) {
        List<CardFollower> followers = CardFollower.list("cardId", event.cardId());
        if (followers.isEmpty()) {
            return;
        }
        String actorName = directory.nameOf(event.actorId());
        for (CardFollower follower : followers) {
            // a follower who lost read access hears nothing: the title alone may be what they must not see
            if (!follower.userId.equals(event.actorId())
                    && readers.mayRead(follower.userId, event.card().collectionId())) {
                told.putIfAbsent(follower.userId, Notification.cardUpdated(follower.userId, event, type, actorName));
            }
        }
    }

    /**
     * Applies one comment event, once: everyone it newly mentions is told, except its actor, who wrote or edited
     * the comment (nobody needs telling that they mentioned themselves). A new comment also tells the card's owner,
     * unless they wrote it or are mentioned in it (one notification per event and person: the mention says more).
     *
     * @param edited whether the mentions came with an edit ({@code comment.edited}) rather than a new comment
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyComment(String eventId, CommentEvent event, boolean edited) {
        String actorName = directory.nameOf(event.actorId());
        Map<String, Notification> told = new LinkedHashMap<>();
        for (String mentioned : new LinkedHashSet<>(event.newMentions())) {
            if (!mentioned.equals(event.actorId())) {
                told.put(mentioned, Notification.mentioned(mentioned, event, actorName, edited));
            }
        }
        if (!edited) {
            CardVerifier card = CardVerifier.findById(event.cardId());
            String owner = card == null ? null : card.ownerId;
            if (owner == null) {
                LOG.debugf("card %s: owner unknown (no card event seen yet); nobody told of comment %s",
                        event.cardId(), event.comment().id());
            } else if (!owner.equals(event.actorId())) {
                told.putIfAbsent(owner, Notification.commented(owner, event, actorName));
            }
        }
        onlyReaders(told, event.collectionId());
        dispatch.deliver(eventId, told);
    }

    /**
     * Applies one verification event, once: expired, due soon, unverified and re-check requested tell the card's
     * verifier (each member of a verifier group), except whoever caused it; a policy change that names a new
     * verifier tells the new one; verified and started tell nobody. Every type updates the card's verification state.
     * Nobody is told who may not read the card's collection (see {@link #onlyReaders}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyVerification(String eventId, VerificationEvent event, String type) {
        CardVerification known = CardVerification.findById(event.cardId(), LockModeType.PESSIMISTIC_WRITE);
        String previousVerifier = known == null ? null : known.verifierId;
        boolean newest = rememberVerification(known, event);
        if (VerificationEventTypes.POLICY_CHANGED.equals(type)) {
            if (newest) {
                tellNewVerifier(eventId, event, previousVerifier);
            }
            return;
        }
        if (VerificationEventTypes.VERIFIED.equals(type) || VerificationEventTypes.STARTED.equals(type)) {
            return; // the card event of a new card tells its verifier; started only records the state
        }
        Recipients recipients = directory.recipientsOf(event.verifierId(), "card " + event.cardId());
        String actorName = directory.nameOf(event.actorId());
        Map<String, Notification> told = new LinkedHashMap<>();
        for (String member : recipients.userIds()) {
            if (!member.equals(event.actorId())) {
                Notification notification = Notification.verification(member, type, event, actorName,
                        recipients.groupName());
                if (notification != null) {
                    told.put(member, notification);
                }
            }
        }
        onlyReaders(told, event.collectionId());
        dispatch.deliver(eventId, told);
    }

    /**
     * Tells the verifier a policy change named (each member of a group), never its actor, unless they are no news:
     * the verifier the card's previous verification state named (only the schedule changed), or the one last told of
     * the card (the card event of the same change came first). The card memory then records them as told, so that
     * card event, arriving later, tells nobody twice. Nobody is told of an archived card.
     */
    private void tellNewVerifier(String eventId, VerificationEvent event, String previousVerifier) {
        String verifier = event.verifierId();
        CardVerifier card = CardVerifier.findById(event.cardId(), LockModeType.PESSIMISTIC_WRITE);
        if (verifier == null || verifier.equals(previousVerifier) || card != null && card.archived
                || card != null && verifier.equals(card.verifierId)) {
            return;
        }
        if (card != null) {
            card.verifierId = verifier;
        }
        Recipients recipients = directory.recipientsOf(verifier, "card " + event.cardId());
        String actorName = directory.nameOf(event.actorId());
        Map<String, Notification> told = new LinkedHashMap<>();
        for (String member : recipients.userIds()) {
            if (!member.equals(event.actorId())) {
                told.put(member, Notification.verifierNamed(member, event, actorName, recipients.groupName()));
            }
        }
        onlyReaders(told, event.collectionId());
        dispatch.deliver(eventId, told);
    }

    /**
     * Drops everyone who may not read the card's collection: a verifier, a mentioned person or an owner is told the
     * card's title, a flag's reason or a request's message, which must not reach someone who cannot read the card
     * (card-service refuses such a verifier, verification-service hands such a card over; this is the last layer).
     * Judged once the collection's access list is known here: card and collection events travel on different
     * topics, and a new collection's first card may arrive first; silence then would cost its verifier the news.
     * Followers are filtered more strictly (an unknown collection tells them nothing, see {@link #tellFollowers}).
     */
    private void onlyReaders(Map<String, Notification> told, UUID collectionId) {
        if (told.isEmpty() || !readers.knows(collectionId)) {
            return;
        }
        told.keySet().removeIf(userId -> {
            boolean drop = !readers.mayRead(userId, collectionId);
            if (drop) {
                LOG.debugf("%s may not read collection %s: not told", userId, collectionId);
            }
            return drop;
        });
    }

    /**
     * Keeps each card's newest verification state: what the daily digest lists as waiting for someone. Returns
     * whether the event is the newest seen (an older one, overtaken, changes nothing).
     */
    private static boolean rememberVerification(CardVerification known, VerificationEvent event) {
        if (known == null) {
            known = CardVerification.of(event.cardId());
            known.takeOver(event);
            known.persist();
            return true;
        }
        return known.takeOver(event);
    }

    /**
     * A page of the recipient's notifications, newest first, after {@code cursor} (null: from the newest);
     * {@code unread} null means read and unread alike.
     */
    public List<Notification> list(String recipientId, Boolean unread, PageCursor cursor, int limit) {
        StringBuilder where = new StringBuilder("recipientId = :recipient");
        Parameters parameters = Parameters.with("recipient", recipientId);
        if (unread != null) {
            where.append(unread ? " and readAt is null" : " and readAt is not null");
        }
        if (cursor != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", cursor.at()).and("id", cursor.id());
        }
        return Notification.<Notification>find(where.toString(), NEWEST_FIRST, parameters).page(0, limit).list();
    }

    /**
     * The recipient's notifications numbered after {@code seq}, oldest first: what a live stream has not sent yet.
     * Numbers follow commit order (V3__who_hears_what.sql), so nothing committed later can sort before them.
     */
    @Transactional
    public List<Notification> after(String recipientId, long seq, int limit) {
        return Notification.<Notification>find("recipientId = ?1 and seq > ?2", Sort.ascending("seq"), recipientId, seq)
                .page(0, limit).list();
    }

    /** The number of the recipient's newest notification, 0 when they have none: where a fresh stream starts. */
    @Transactional
    public long lastSeq(String recipientId) {
        Number last = (Number) Notification.getEntityManager()
                .createNativeQuery("SELECT last_seq FROM recipient_sequence WHERE recipient_id = ?1")
                .setParameter(1, recipientId).getResultStream().findFirst().orElse(0L);
        return last.longValue();
    }

    public long unreadCount(String recipientId) {
        return Notification.count("recipientId = ?1 and readAt is null", recipientId);
    }

    /** Someone else's notification is "not found" too: its existence is nobody else's business. */
    @Transactional
    public Notification markRead(String recipientId, UUID id) {
        Notification notification = Notification.findById(id);
        if (notification == null || !notification.recipientId.equals(recipientId)) {
            throw ProblemException.notFound("notification", id);
        }
        notification.markRead(now());
        return notification;
    }

    /** Returns how many were unread. */
    @Transactional
    public int markAllRead(String recipientId) {
        return Notification.update("readAt = ?1 where recipientId = ?2 and readAt is null", now(), recipientId);
    }

    /** PostgreSQL keeps microseconds: truncating here makes the first answer equal every later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
