package dev.verity.verification.verifications;

import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.access.CollectionRoles;
import dev.verity.verification.access.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/** What people do to a card's verification: verify, flag, ask for it, change its policy. One transaction each. */
@ApplicationScoped
public class VerificationActions {

    private final Clock clock;
    private final CollectionRoles access;
    private final VerificationRecordRepository records;
    private final HistoryRepository history;
    private final VerificationEvents events;

    VerificationActions(Clock clock, CollectionRoles access, VerificationRecordRepository records,
            HistoryRepository history, VerificationEvents events) {
        this.clock = clock;
        this.access = access;
        this.records = records;
        this.history = history;
        this.events = events;
    }

    /** The verifier (or a member of the verifier group) vouches for the card: due one step later, flags resolved. */
    @Transactional
    public VerificationRecord verify(UUID cardId, String comment) {
        String text = Schedules.text("comment", comment, false);
        VerificationRecord record = liveRecordForUpdate(cardId);
        if (!access.callerVerifies(record.verifierId)) {
            throw ProblemException.forbidden("only the verifier " + record.verifierId
                    + " (or a member of that group) may verify this card").with("verifierId", record.verifierId);
        }
        Instant now = now();
        String user = access.userId();
        record.verify(user, now);
        history.resolveFlags(cardId, user, now);
        history.add(HistoryEntry.of(record, HistoryKind.VERIFIED, user, text, now));
        events.publish(VerificationEventTypes.VERIFIED, record, user, text, now);
        return record;
    }

    /** Any reader flags the card: it turns UNVERIFIED (FLAGGED) and its verifier is told (the event). */
    @Transactional
    public VerificationRecord flag(UUID cardId, String reason) {
        String text = Schedules.text("reason", reason, true);
        VerificationRecord record = liveRecordForUpdate(cardId);
        Instant now = now();
        String user = access.userId();
        history.add(VerificationFlag.raise(cardId, text, user, now));
        record.openFlags++;
        record.unverify(UnverifiedReason.FLAGGED, now);
        history.add(HistoryEntry.of(record, HistoryKind.FLAGGED, user, text, now));
        events.publish(VerificationEventTypes.UNVERIFIED, record, user, text, now);
        return record;
    }

    /** Any reader asks the verifier to re-check the card; its state does not change. */
    @Transactional
    public VerificationRecord request(UUID cardId, String message) {
        String text = Schedules.text("message", message, false);
        VerificationRecord record = liveRecordForUpdate(cardId);
        Instant now = now();
        String user = access.userId();
        history.add(HistoryEntry.of(record, HistoryKind.REQUESTED, user, text, now));
        events.publish(VerificationEventTypes.REQUESTED, record, user, text, now);
        return record;
    }

    /**
     * Authors and owners change verifier and schedule, on the policy version they read ({@code If-Match}). The
     * verifier must be able to read the card; a new verifier leaves it UNVERIFIED (VERIFIER_CHANGED).
     */
    @Transactional
    public VerificationRecord changePolicy(UUID cardId, String ifMatch, PolicyChange change) {
        VerificationRecord record = records.findForUpdate(cardId).orElseThrow(() -> CollectionRoles.notFound(cardId));
        access.require(record.cardId, record.collectionId, Role.AUTHOR, "change the verification policy");
        OptionalLong expected = VersionTags.expectedVersion(ifMatch);
        VersionTags.requireMatch(expected, record.policyVersion, "the verification policy of card " + cardId);
        Instant now = now();
        Schedule schedule = Schedules.require(change.intervalDays(), change.verifyOn(), change.never(), today(now));
        String verifier = change.verifierId() == null || change.verifierId().isBlank() ? record.verifierId
                : requireVerifier(change.verifierId().strip(), record.collectionId);
        if (verifier.equals(record.verifierId) && Objects.equals(schedule, record.schedule())) {
            return record;
        }
        record.changePolicy(verifier, schedule, now);
        String user = access.userId();
        history.add(HistoryEntry.of(record, HistoryKind.POLICY_CHANGED, user, null, now));
        events.publish(VerificationEventTypes.POLICY_CHANGED, record, user, null, now);
        return record;
    }

    /** A verifier must be able to read the card: naming someone else would tell them its title. */
    public String requireVerifier(String verifierId, UUID collectionId) {
        if (verifierId.length() > 100) {
            throw ProblemException.invalidParameter("verifierId", "must be at most 100 characters");
        }
        if (collectionId == null || !access.canRead(collectionId, verifierId)) {
            throw ProblemException.invalidParameter("verifierId", verifierId
                    + " has no role in the card's collection, so could not read the card; grant them access first");
        }
        return verifierId;
    }

    private VerificationRecord liveRecordForUpdate(UUID cardId) {
        VerificationRecord record = records.findForUpdate(cardId).orElseThrow(() -> CollectionRoles.notFound(cardId));
        access.requireReader(record.cardId, record.collectionId);
        if (!record.isActive()) {
            throw ProblemException.conflict("card " + cardId + " is archived: restore it before verifying, flagging or"
                    + " asking for verification");
        }
        return record;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
