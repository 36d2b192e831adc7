package dev.verity.notification.recipients;

import dev.verity.notification.directory.Members;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.CommentEvent;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.notification.recipients.CardVerification;
import dev.verity.notification.recipients.CardVerifier;
import dev.verity.notification.inbox.Notification;
import dev.verity.notification.inbox.NotificationType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.platform.consumer.EventRejectedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Who hears what: the notifications card, comment and verification events cause, and who may be told (only readers of
 * the card's collection, {@link #onlyReaders}). {@link NotificationDispatch} delivers them on each channel.
 */
@ApplicationScoped
public class NotificationService {

    /** This service's name in the inbox: each event id is applied once per consumer. */
    public static final String CONSUMER = "notification-service";
    /** The comment consumer's name in the inbox. */
    public static final String COMMENTS_CONSUMER = "notification-service/comments";
    /** The verification consumer's name in the inbox. */
    public static final String VERIFICATIONS_CONSUMER = "notification-service/verifications";

    /** The longest user or group id the tables hold (VARCHAR(100)). */
    private static final int MAX_PRINCIPAL_ID = 100;

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final DirectoryService directory;
    private final NotificationDispatch dispatch;
    private final CardReaders readers;
    private final Followers followers;

    NotificationService(DirectoryService directory, NotificationDispatch dispatch, CardReaders readers,
            Followers followers) {
        this.followers = followers;
        this.readers = readers;
        this.directory = directory;
        this.dispatch = dispatch;
    }

    /**
     * Applies a batch of card events, each once (the platform consumer claimed their ids in this transaction), in their
     * order. Whoever is verifier when a live card is first seen is told; after that only a newer version that names a
     * different verifier tells the new one. Nobody is told about an archived (or deleted) card; a verifier named while
     * it was archived is told when it is restored. Every newer version but the first tells the card's followers who may
     * read its collection (as of this version), except whoever made it (and anyone told of the version already). An
     * older or equal version (a replay, or overtaken) tells nobody and changes nothing.
     *
     * <p>Built for bursts (an import creates thousands of cards at once), as {@link #applyVerifications}: the batch's
     * card memories are read and locked in one query (in card id order, so two batches, or a second instance that
     * briefly holds the same partition during a rebalance, cannot deadlock on them), each verifier group, name and
     * reader's access list is read once ({@link BatchLookups}), and every notification of the batch is stored with a
     * fixed number of statements. A card's events are applied one after the other against the same memory.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyCards(List<EventConsumer.Claimed<CardEvent>> batch) {
        BatchLookups lookups = new BatchLookups(directory, readers);
        lookups.prefetchRecipients(batch.stream().map(claimed -> claimed.value().card())
                .map(card -> card.verifierId() == null || card.verifierId().isBlank() ? card.authorId()
                        : card.verifierId()).toList(), "a batch of " + batch.size() + " card events");
        Map<UUID, CardVerifier> memories = new HashMap<>();
        List<UUID> cardIds = batch.stream().map(claimed -> claimed.value().card().id()).distinct().sorted().toList();
        CardVerifier.<CardVerifier>find("cardId in ?1 order by cardId", cardIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(memory -> memories.put(memory.cardId, memory));
        List<NotificationDispatch.Told> told = new ArrayList<>();
        for (EventConsumer.Claimed<CardEvent> claimed : batch) {
            Map<String, Notification> one = card(claimed.value(), claimed.event().type(), memories, lookups);
            if (!one.isEmpty()) {
                told.add(new NotificationDispatch.Told(claimed.event().id(), one));
            }
        }
        dispatch.deliverAll(told);
    }

    /** Who one card event tells (see {@link #applyCards}), after moving the card's memory on. */
    private Map<String, Notification> card(CardEvent event, String type, Map<UUID, CardVerifier> memories,
            BatchLookups lookups) {
        CardSnapshot card = event.card();
        String verifier = card.verifierId() == null || card.verifierId().isBlank() ? card.authorId()
                : card.verifierId();
        boolean archived = CardStatuses.ARCHIVED.equals(card.status());
        Map<String, Notification> told = new LinkedHashMap<>();
        CardVerifier known = memories.get(card.id());
        if (known != null && !known.isOlderThan(card.version())) {
            LOG.debugf("card %s v%d (%s): not newer than v%d; nobody to tell", card.id(), card.version(), type,
                    known.cardVersion);
            return told;
        }
        if (known == null) {
            known = CardVerifier.of(card.id(), archived ? null : verifier, card.version());
            known.persist();
            memories.put(card.id(), known); // a later event of the same batch finds it
            if (!archived) {
                tellVerifier(verifier, event, CardEventTypes.CREATED.equals(type), told, lookups);
            }
        } else if (archived) {
            known.passArchived(card.version());
            tellFollowers(event, type, told, lookups);
        } else {
            if (known.advanceTo(card.version(), verifier)) {
                tellVerifier(verifier, event, CardEventTypes.CREATED.equals(type), told, lookups);
            }
            tellFollowers(event, type, told, lookups);
        }
        known.describe(card.collectionId(), card.authorId(), card.ownerId() == null ? card.authorId() : card.ownerId(),
                card.title(), archived);
        onlyReaders(told, card.collectionId(), lookups);
        return told;
    }

    /** Each member of a verifier group known to the directory is told, otherwise the verifier id as is. */
    private void tellVerifier(String verifier, CardEvent event, boolean cardCreated, Map<String, Notification> told,
            BatchLookups lookups) {
        Members recipients = lookups.recipientsOf(verifier, "card " + event.cardId());
        for (String member : recipients.userIds()) {
            told.put(member, Notification.verificationAssigned(member, event, cardCreated, recipients.groupName()));
        }
    }

    private void tellFollowers(CardEvent event, String type, Map<String, Notification> told, BatchLookups lookups) {
        List<String> followers = this.followers.following(event.cardId());
        if (followers.isEmpty()) {
            return;
        }
        String actorName = lookups.nameOf(event.actorId());
        for (String follower : followers) {
            // a follower who lost read access hears nothing: the title alone may be what they must not see
            if (!follower.equals(event.actorId())
                    && lookups.mayBeTold(follower, event.card().collectionId(), false)) {
                told.putIfAbsent(follower, Notification.cardUpdated(follower, event, type, actorName));
            }
        }
    }

    /**
     * Applies a batch of comment events, each once, in their order: everyone a comment newly mentions is told, except
     * its actor, who wrote or edited the comment (nobody needs telling that they mentioned themselves). A new comment
     * also tells the card's owner, unless they wrote it or are mentioned in it (one notification per event and person:
     * the mention says more). Names and access lists are read once per batch, the notifications stored together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyComments(List<EventConsumer.Claimed<CommentEvent>> batch) {
        BatchLookups lookups = new BatchLookups(directory, readers);
        List<NotificationDispatch.Told> told = new ArrayList<>();
        for (EventConsumer.Claimed<CommentEvent> claimed : batch) {
            boolean edited = CommentEventTypes.EDITED.equals(claimed.event().type());
            Map<String, Notification> one = comment(claimed.value(), edited, lookups);
            if (!one.isEmpty()) {
                told.add(new NotificationDispatch.Told(claimed.event().id(), one));
            }
        }
        dispatch.deliverAll(told);
    }

    /** Who one comment event tells; {@code edited}: the mentions came with an edit, not a new comment. */
    private Map<String, Notification> comment(CommentEvent event, boolean edited, BatchLookups lookups) {
        String actorName = lookups.nameOf(event.actorId());
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
        onlyReaders(told, event.collectionId(), lookups);
        return told;
    }

    /**
     * Applies a batch of verification events, each once (the platform consumer claimed their ids in this transaction),
     * in their order: expired, due soon, unverified and re-check requested tell the card's verifier (each member of a
     * verifier group), except whoever caused it; a policy change that names a new verifier tells the new one; verified
     * and started tell nobody. Every type updates the card's verification state. Nobody is told who may not read the
     * card's collection (see {@link #onlyReaders}).
     *
     * <p>Built for bursts (an expiry pass publishes thousands at once): the batch's verification states are read and
     * locked in one query (in card id order, so two batches cannot deadlock on them), each verifier group, name and
     * reader's access list is read once ({@link BatchLookups}), and {@link NotificationDispatch#deliverAll} stores
     * every notification of the batch with a fixed number of statements. A card's events stay in their order: they
     * are applied one after the other against the same state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyVerifications(List<EventConsumer.Claimed<VerificationEvent>> batch) {
        BatchLookups lookups = new BatchLookups(directory, readers);
        lookups.prefetchRecipients(batch.stream().map(claimed -> claimed.value().verifierId()).toList(),
                "a batch of " + batch.size() + " verification events");
        Map<UUID, CardVerification> states = new HashMap<>();
        List<UUID> cardIds = batch.stream().map(claimed -> claimed.value().cardId()).distinct().sorted().toList();
        CardVerification.<CardVerification>find("cardId in ?1 order by cardId", cardIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(state -> states.put(state.cardId, state));
        // the card memories a policy change may hand over, locked now and in card id order, as applyCards locks them:
        // locked one by one in event order, they could deadlock with a batch of card events
        List<UUID> handedOver = batch.stream()
                .filter(claimed -> VerificationEventTypes.POLICY_CHANGED.equals(claimed.event().type()))
                .map(claimed -> claimed.value().cardId()).distinct().sorted().toList();
        if (!handedOver.isEmpty()) {
            CardVerifier.<CardVerifier>find("cardId in ?1 order by cardId", handedOver)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        }
        List<NotificationDispatch.Told> told = new ArrayList<>();
        for (EventConsumer.Claimed<VerificationEvent> claimed : batch) {
            Map<String, Notification> one = verification(claimed.event().id(), claimed.value(),
                    claimed.event().type(), states, lookups);
            if (!one.isEmpty()) {
                told.add(new NotificationDispatch.Told(claimed.event().id(), one));
            }
        }
        dispatch.deliverAll(told);
    }

    /** Who one verification event tells (see {@link #applyVerifications}), after updating the card's state. */
    private Map<String, Notification> verification(String eventId, VerificationEvent event, String type,
            Map<UUID, CardVerification> states, BatchLookups lookups) {
        if (event.verifierId().length() > MAX_PRINCIPAL_ID) {
            // never storable (card_verification.verifier_id, notification.recipient_id): rejected, so that the batch
            // it came in falls back to one event at a time and only this one is dead-lettered
            throw new EventRejectedException("verifierId is longer than " + MAX_PRINCIPAL_ID + " characters");
        }
        CardVerification known = states.get(event.cardId());
        String previousVerifier = known == null ? null : known.verifierId;
        boolean newest = rememberVerification(known, event, states);
        if (VerificationEventTypes.POLICY_CHANGED.equals(type)) {
            return newest ? newVerifierTold(event, previousVerifier, lookups) : Map.of();
        }
        if (VerificationEventTypes.VERIFIED.equals(type) || VerificationEventTypes.STARTED.equals(type)) {
            return Map.of(); // the card event of a new card tells its verifier; started only records the state
        }
        Members recipients = lookups.recipientsOf(event.verifierId(), "card " + event.cardId());
        String actorName = lookups.nameOf(event.actorId());
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
        onlyReaders(told, event.collectionId(), lookups);
        return told;
    }

    /**
     * Who a policy change tells: the verifier it named (each member of a group), never its actor, unless they are no
     * news: the verifier the card's previous verification state named (only the schedule changed), or the one last
     * told of the card (the card event of the same change came first). The card memory then records them as told, so
     * that card event, arriving later, tells nobody twice. Nobody is told of an archived card.
     */
    private Map<String, Notification> newVerifierTold(VerificationEvent event, String previousVerifier,
            BatchLookups lookups) {
        String verifier = event.verifierId();
        CardVerifier card = CardVerifier.findById(event.cardId(), LockModeType.PESSIMISTIC_WRITE);
        if (verifier == null || verifier.equals(previousVerifier) || card != null && card.archived
                || card != null && verifier.equals(card.verifierId)) {
            return Map.of();
        }
        if (card != null) {
            card.verifierId = verifier;
        }
        Members recipients = lookups.recipientsOf(verifier, "card " + event.cardId());
        String actorName = lookups.nameOf(event.actorId());
        Map<String, Notification> told = new LinkedHashMap<>();
        for (String member : recipients.userIds()) {
            if (!member.equals(event.actorId())) {
                told.put(member, Notification.verifierNamed(member, event, actorName, recipients.groupName()));
            }
        }
        onlyReaders(told, event.collectionId(), lookups);
        return told;
    }

    /**
     * Drops everyone who may not be told of the card ({@link CardReaders#mayBeTold}): a verifier, a mentioned person or
     * an owner is told the card's title, a flag's reason or a request's message, which must not reach someone who
     * cannot read the card (card-service refuses such a verifier, verification-service hands such a card over; this is
     * the last layer). While the collection's access list has not arrived, only those the event names are told.
     */
    private void onlyReaders(Map<String, Notification> told, UUID collectionId, BatchLookups lookups) {
        told.values().removeIf(notification -> {
            boolean drop = !lookups.mayBeTold(notification.recipientId, collectionId, namedByTheEvent(notification));
            if (drop) {
                LOG.debugf("%s may not be told of a card in collection %s (%s): not told", notification.recipientId,
                        collectionId, lookups.knows(collectionId) ? "no read access" : "collection not known yet");
            }
            return drop;
        });
    }

    /** An owner told of a comment, a follower told of a change: told for a relation to the card, not named by it. */
    private static boolean namedByTheEvent(Notification notification) {
        return notification.type != NotificationType.COMMENTED && notification.type != NotificationType.CARD_UPDATED;
    }

    /**
     * Keeps each card's newest verification state: what the daily digest lists as waiting for someone. Returns
     * whether the event is the newest seen (an older one, overtaken, changes nothing). A card seen for the first time
     * joins {@code states}, so a later event of the same batch finds it.
     */
    private static boolean rememberVerification(CardVerification known, VerificationEvent event,
            Map<UUID, CardVerification> states) {
        if (known == null) {
            known = CardVerification.of(event.cardId());
            known.takeOver(event);
            known.persist();
            states.put(event.cardId(), known);
            return true;
        }
        return known.takeOver(event);
    }
}
