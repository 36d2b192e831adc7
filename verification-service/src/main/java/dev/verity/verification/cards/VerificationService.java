package dev.verity.verification.cards;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.verification.collections.CollectionDefaults;
import dev.verity.verification.collections.VerificationDefaults;
import dev.verity.verification.verifications.HistoryEntry;
import dev.verity.verification.verifications.HistoryKind;
import dev.verity.verification.verifications.HistoryRepository;
import dev.verity.verification.verifications.Schedule;
import dev.verity.verification.verifications.UnverifiedReason;
import dev.verity.verification.verifications.VerificationEvents;
import dev.verity.verification.verifications.VerificationRecord;
import dev.verity.verification.verifications.VerificationRecordRepository;
import dev.verity.verification.verifications.VerifierHandover;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Applies card events to verification records: a new card gets its policy (the card's verifier and schedule, or the
 * collection's defaults in force here) and its starting state, announced by {@code verification.started}; edits renew
 * or void the verification, archive and restore take the card out of and back into the queue, a delete forgets it.
 * A verifier who cannot read the collection a card is created in or moved to hands it to the collection's owner.
 */
@ApplicationScoped
public class VerificationService {

    /** This service's name in the inbox for card events: each event id is applied once. */
    public static final String CONSUMER = "verification-service";

    private static final Logger LOG = Logger.getLogger(VerificationService.class);

    private final Clock clock;
    private final VerificationRecordRepository records;
    private final CollectionAccess access;
    private final CollectionDefaults defaults;
    private final HistoryRepository history;
    private final VerificationEvents events;
    private final VerifierHandover handover;

    VerificationService(Clock clock, VerificationRecordRepository records, CollectionAccess access,
            CollectionDefaults defaults, HistoryRepository history, VerificationEvents events, VerifierHandover handover) {
        this.handover = handover;
        this.clock = clock;
        this.records = records;
        this.access = access;
        this.defaults = defaults;
        this.history = history;
        this.events = events;
    }

    /**
     * Applies one card event, once: the inbox claim and the change commit together, so a redelivered event id is
     * skipped. The first event seen for a card starts its record whatever its type (events may arrive out of
     * order); later ones only count when they carry a newer card version. {@code card.deleted} removes the record
     * and remembers the card as deleted, so none of its older events can start a record again.
     *
     * <p>Rules on a newer version, in this order: a verifier or schedule the card now names differently becomes the
     * policy (a new verifier leaves the card UNVERIFIED until they verify); an edit of title, body or tags by the
     * verifier (or a member of the verifier group) renews the verification, by anyone else voids it
     * (EDITED_BY_NON_VERIFIER); an archived snapshot takes the card out of every queue, a live one after that
     * brings it back as it was.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, CardEvent event, String type) {
        CardSnapshot card = event.card();
        // PostgreSQL keeps microseconds; truncating keeps the entity equal to what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String actor = event.actorId() == null || event.actorId().isBlank() ? card.authorId() : event.actorId();
        DeletedCard deleted = DeletedCard.findById(card.id());
        if (deleted != null) {
            LOG.debugf("card %s v%d (%s): the card was deleted at v%d; ignored", card.id(), card.version(), type,
                    deleted.cardVersion);
            return;
        }
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        VerificationRecord record = records.findForUpdate(card.id()).orElse(null);
        if (CardEventTypes.DELETED.equals(type)) {
            forget(card, record, actor, now);
        } else if (record == null) {
            start(card, actor, now);
        } else if (!record.isOlderThan(card)) {
            LOG.debugf("card %s v%d (%s) is not newer than the applied v%d; ignored", card.id(), card.version(),
                    type, record.cardVersion);
        } else {
            applyNewer(record, card, actor, now);
        }
    }

    private void start(CardSnapshot card, String actor, Instant now) {
        String verifier = VerificationRecord.verifierNamedBy(card);
        Schedule schedule = VerificationRecord.scheduleNamedBy(card);
        VerificationDefaults collection = defaults.inForce(card.collectionId()).orElse(null);
        if (collection != null && collection.defaultVerifierId != null && collection.isSourceDefault(verifier, schedule)) {
            // the author took card-service's defaults; the collection's owners have set others here
            verifier = collection.defaultVerifierId;
            schedule = collection.defaultSchedule();
        }
        boolean authorVouches = verifies(card.authorId(), verifier);
        VerificationRecord record = VerificationRecord.startFor(card, verifier, schedule, authorVouches, now);
        records.persist(record);
        history.add(HistoryEntry.of(record, HistoryKind.CREATED, actor, null, VerificationRecord.timeOf(card, now)));
        // the state the card starts in, for every read model (search's trust badge and ranking, webhooks)
        events.publish(VerificationEventTypes.STARTED, record, actor, null, now);
        LOG.debugf("card %s v%d: verification record started (%s)", card.id(), card.version(), record.status);
        handOverIfUnreadable(record, actor, now);
    }

    /**
     * A verifier who cannot read the card's collection must not be told its title, flags and requests: the card goes
     * to the collection's owner, as when a verifier loses access later. Only once the collection is known here: until
     * its event arrives nobody's access can be judged, and that event re-checks every card in it.
     */
    private void handOverIfUnreadable(VerificationRecord record, String actor, Instant now) {
        if (record.collectionId == null || !access.exists(record.collectionId)
                || access.canRead(record.collectionId, record.verifierId)) {
            return;
        }
        handover.handOver(java.util.List.of(record), actor, now);
    }

    private void applyNewer(VerificationRecord record, CardSnapshot card, String actor, Instant now) {
        Instant at = VerificationRecord.timeOf(card, now);
        boolean policyChanged = record.cardPolicyChangedIn(card);
        boolean edited = record.contentChangedIn(card);
        boolean moved = !Objects.equals(record.collectionId, card.collectionId());
        boolean archived = record.isArchivedIn(card);
        boolean wasActive = record.isActive();
        record.takeOver(card, now);
        if (moved) {
            history.add(HistoryEntry.of(record, HistoryKind.MOVED, actor, null, at));
        }
        if (policyChanged) {
            record.changePolicy(VerificationRecord.verifierNamedBy(card), VerificationRecord.scheduleNamedBy(card), at);
            history.add(HistoryEntry.of(record, HistoryKind.POLICY_CHANGED, actor, null, at));
            events.publish(VerificationEventTypes.POLICY_CHANGED, record, actor, null, now);
        }
        if (edited) {
            if (verifies(actor, record.verifierId)) {
                record.verify(actor, at);
                history.resolveFlags(record.cardId, actor, now);
                history.add(HistoryEntry.of(record, HistoryKind.VERIFIED, actor, "edited by the verifier", at));
                events.publish(VerificationEventTypes.VERIFIED, record, actor, "edited by the verifier", now);
            } else {
                record.unverify(UnverifiedReason.EDITED_BY_NON_VERIFIER, at);
                history.add(HistoryEntry.of(record, HistoryKind.UNVERIFIED, actor, null, at));
                events.publish(VerificationEventTypes.UNVERIFIED, record, actor, null, now);
            }
        }
        if (archived && wasActive) {
            record.archive(at, now);
            history.add(HistoryEntry.of(record, HistoryKind.ARCHIVED, actor, null, at));
        } else if (!archived && !wasActive) {
            record.restore(now);
            history.add(HistoryEntry.of(record, HistoryKind.RESTORED, actor, null, at));
        }
        if (moved || policyChanged) {
            handOverIfUnreadable(record, actor, now);
        }
    }

    /** Whether {@code userId} is the verifier or, by the directory, a member of the verifier group. */
    private boolean verifies(String userId, String verifierId) {
        return userId != null && (userId.equals(verifierId) || access.isMember(userId, verifierId));
    }

    private void forget(CardSnapshot card, VerificationRecord record, String actor, Instant now) {
        if (record != null && record.cardVersion >= card.version()) {
            LOG.warnf("card %s deleted at v%d, but its record already reflects v%d; delete ignored", card.id(),
                    card.version(), record.cardVersion);
            return;
        }
        if (record != null) {
            record.archive(VerificationRecord.timeOf(card, now), now);
            history.add(HistoryEntry.of(record, HistoryKind.DELETED, actor, null, VerificationRecord.timeOf(card, now)));
            records.delete(record);
        }
        DeletedCard.of(card.id(), card.version(), now).persist();
        LOG.debugf("card %s deleted at v%d: verification record removed", card.id(), card.version());
    }
}
