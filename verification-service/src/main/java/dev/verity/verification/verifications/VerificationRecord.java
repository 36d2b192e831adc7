package dev.verity.verification.verifications;

import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One card's verification: its policy (verifier, schedule), whether it is vouched for and why not, and when it is
 * next due. {@code cardVersion} is the newest card version applied, so an older card event (replayed or overtaken)
 * never overwrites newer state. The state changes here are pure; the services persist them and publish the events.
 */
@Entity
@Table(name = "verification_record")
public class VerificationRecord extends PanacheEntityBase {

    /** What card-service uses too; applied when an event carries no usable interval. */
    public static final int DEFAULT_INTERVAL_DAYS = 90;

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    @Column(name = "card_version", nullable = false)
    public long cardVersion;

    @Column(name = "card_title", nullable = false, length = 200)
    public String cardTitle;

    /** Null only for records last changed by an event from before cards had collections. */
    @Column(name = "collection_id")
    public UUID collectionId;

    @Column(name = "verifier_id", nullable = false)
    public String verifierId;

    /** Days between verifications; null when the schedule is a fixed date or never. */
    @Column(name = "interval_days")
    public Integer intervalDays;

    /** A fixed date the card must be verified by; while ahead of the last verification it decides {@code nextDueAt}. */
    @Column(name = "verify_on")
    public LocalDate verifyOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationStatus status;

    /** Why the card is UNVERIFIED; null while VERIFIED. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unverified_reason")
    public UnverifiedReason unverifiedReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RecordState state;

    /** When the card was archived (the archiving version's time); null while {@link RecordState#ACTIVE}. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    /** Null until somebody vouched for the card. */
    @Column(name = "last_verified_at")
    public Instant lastVerifiedAt;

    @Column(name = "last_verified_by")
    public String lastVerifiedBy;

    /**
     * When the card is due: one schedule step after its last verification while VERIFIED; once UNVERIFIED, the
     * moment it stopped being vouched for (or its earlier due date), so "most overdue first" puts it up front.
     * Null for a VERIFIED card that is never due.
     */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    /** The ETag of the policy: grows with every verifier or schedule change. */
    @Column(name = "policy_version", nullable = false)
    public long policyVersion = 1;

    @Column(name = "open_flags", nullable = false)
    public int openFlags;

    /** What the card itself last said about its verifier and schedule (card events change the policy only then). */
    @Column(name = "card_verifier_id")
    public String cardVerifierId;

    @Column(name = "card_interval_days")
    public Integer cardIntervalDays;

    @Column(name = "card_verify_on")
    public LocalDate cardVerifyOn;

    /** Digest of title, body and tags: a card event is an edit only when it changes them. */
    @Column(name = "content_hash")
    public String contentHash;

    /** The expiry job's work item: {@code nextDueAt} while VERIFIED and ACTIVE, else null. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Whether the due-soon event of the current due period is still to be published. */
    @Column(name = "due_soon_pending", nullable = false)
    public boolean dueSoonPending;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The record for a card seen for the first time, whichever version that is. When the author verifies it (or is
     * in the verifier group) the author vouches for it as of its creation; otherwise it starts UNVERIFIED (NEW),
     * due at once, until its verifier verifies it.
     */
    public static VerificationRecord startFor(CardSnapshot card, String verifierId, Schedule schedule,
            boolean authorVouches, Instant now) {
        VerificationRecord record = new VerificationRecord();
        record.cardId = card.id();
        record.createdAt = now;
        record.verifierId = verifierId;
        record.setSchedule(schedule);
        record.rememberCardPolicy(card);
        record.takeOverContent(card, now);
        record.state = archived(card) ? RecordState.ARCHIVED : RecordState.ACTIVE;
        record.archivedAt = archived(card) ? timeOf(card, now) : null;
        if (authorVouches) {
            record.status = VerificationStatus.VERIFIED;
            record.lastVerifiedAt = card.createdAt();
            record.lastVerifiedBy = card.authorId();
            record.nextDueAt = schedule.dueAfter(card.createdAt());
        } else {
            record.status = VerificationStatus.UNVERIFIED;
            record.unverifiedReason = UnverifiedReason.NEW;
            record.nextDueAt = card.createdAt();
        }
        record.reschedule();
        return record;
    }

    /** Whether {@code card} is a version this record has not applied yet. */
    public boolean isOlderThan(CardSnapshot card) {
        return card.version() > cardVersion;
    }

    /** The verifier and schedule the card names (falling back to its author and 90 days). */
    public static String verifierNamedBy(CardSnapshot card) {
        return card.verifierId() == null || card.verifierId().isBlank() ? card.authorId() : card.verifierId();
    }

    public static Schedule scheduleNamedBy(CardSnapshot card) {
        int days = card.verificationIntervalDays() >= 1 ? card.verificationIntervalDays() : DEFAULT_INTERVAL_DAYS;
        return new Schedule(days, card.verifyOn());
    }

    /** Whether the newer snapshot names another verifier or schedule than the card did before. */
    public boolean cardPolicyChangedIn(CardSnapshot card) {
        Schedule named = scheduleNamedBy(card);
        return !Objects.equals(cardVerifierId, verifierNamedBy(card))
                || !Objects.equals(cardIntervalDays, named.intervalDays())
                || !Objects.equals(cardVerifyOn, named.verifyOn());
    }

    /** Whether the newer snapshot changes title, body or tags (an edit); unknown content counts as unchanged. */
    public boolean contentChangedIn(CardSnapshot card) {
        return contentHash != null && !contentHash.equals(contentHashOf(card));
    }

    public boolean isArchivedIn(CardSnapshot card) {
        return archived(card);
    }

    /** Title, collection, version and content digest of a newer snapshot; the card's own policy is remembered. */
    public void takeOver(CardSnapshot card, Instant now) {
        rememberCardPolicy(card);
        takeOverContent(card, now);
    }

    public Schedule schedule() {
        return new Schedule(intervalDays, verifyOn);
    }

    /** Vouched for by {@code by} at {@code at}: due one schedule step later, open flags resolved. */
    public void verify(String by, Instant at) {
        status = VerificationStatus.VERIFIED;
        unverifiedReason = null;
        lastVerifiedAt = at;
        lastVerifiedBy = by;
        nextDueAt = schedule().dueAfter(at);
        openFlags = 0;
        updatedAt = at;
        reschedule();
    }

    /** Nobody vouches for the card any more: it is due now, unless it was due even earlier. */
    public void unverify(UnverifiedReason reason, Instant at) {
        status = VerificationStatus.UNVERIFIED;
        unverifiedReason = reason;
        if (nextDueAt == null || nextDueAt.isAfter(at)) {
            nextDueAt = at;
        }
        updatedAt = at;
        reschedule();
    }

    /**
     * A new verifier or schedule. The due date follows the schedule from the last verification while VERIFIED; a
     * new verifier has vouched for nothing yet, so the card turns UNVERIFIED (VERIFIER_CHANGED) until they verify.
     *
     * @return whether the verifier changed
     */
    public boolean changePolicy(String newVerifierId, Schedule newSchedule, Instant at) {
        boolean verifierChanged = !verifierId.equals(newVerifierId);
        verifierId = newVerifierId;
        setSchedule(newSchedule);
        policyVersion++;
        updatedAt = at;
        if (status == VerificationStatus.VERIFIED && lastVerifiedAt != null) {
            nextDueAt = newSchedule.dueAfter(lastVerifiedAt);
        }
        if (verifierChanged) {
            unverify(UnverifiedReason.VERIFIER_CHANGED, at);
        }
        reschedule();
        return verifierChanged;
    }

    /** Out of every queue and the score; verification state and due date are kept for a restore. */
    public void archive(Instant archivedAt, Instant now) {
        state = RecordState.ARCHIVED;
        if (this.archivedAt == null) {
            this.archivedAt = archivedAt;
        }
        updatedAt = now;
        reschedule();
    }

    /** Back in the state it had: a verification that lapsed meanwhile is expired by the next expiry pass. */
    public void restore(Instant now) {
        state = RecordState.ACTIVE;
        archivedAt = null;
        updatedAt = now;
        reschedule();
    }

    /** Marks the current due period expired: the card is UNVERIFIED (EXPIRED) and out of the expiry job's list. */
    public void expire(Instant now) {
        status = VerificationStatus.UNVERIFIED;
        unverifiedReason = UnverifiedReason.EXPIRED;
        updatedAt = now;
        expiresAt = null;
        dueSoonPending = false;
    }

    /** Whether the card is in the verification queue: due, listed, reminded. */
    public boolean isActive() {
        return state == RecordState.ACTIVE;
    }

    /**
     * Keeps the expiry job's work list in step: a VERIFIED, ACTIVE card with a due date expires then; a new due
     * date opens a new period, with its own due-soon event.
     */
    void reschedule() {
        Instant target = state == RecordState.ACTIVE && status == VerificationStatus.VERIFIED ? nextDueAt : null;
        if (!Objects.equals(target, expiresAt)) {
            expiresAt = target;
            dueSoonPending = target != null;
        }
    }

    private void setSchedule(Schedule schedule) {
        intervalDays = schedule.intervalDays();
        verifyOn = schedule.verifyOn();
    }

    private void rememberCardPolicy(CardSnapshot card) {
        Schedule named = scheduleNamedBy(card);
        cardVerifierId = verifierNamedBy(card);
        cardIntervalDays = named.intervalDays();
        cardVerifyOn = named.verifyOn();
    }

    private void takeOverContent(CardSnapshot card, Instant now) {
        cardVersion = card.version();
        cardTitle = card.title();
        collectionId = card.collectionId();
        contentHash = contentHashOf(card);
        updatedAt = now;
    }

    /** Interval rule: exactly {@code intervalDays} × 24 h after the last verification (instants have no time zone). */
    public static Instant dueAfter(Instant verifiedAt, int intervalDays) {
        if (intervalDays < 1) {
            throw new IllegalArgumentException("interval must be at least one day, got " + intervalDays);
        }
        return Schedule.plusDays(verifiedAt, intervalDays);
    }

    static String contentHashOf(CardSnapshot card) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nullSafe(card.title()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(nullSafe(card.body()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.join("\u0001", card.tags() == null ? java.util.List.of() : card.tags())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String nullSafe(String text) {
        return text == null ? "" : text;
    }

    private static boolean archived(CardSnapshot card) {
        return CardStatuses.ARCHIVED.equals(card.status());
    }

    public static Instant timeOf(CardSnapshot card, Instant fallback) {
        return card.updatedAt() == null ? fallback : card.updatedAt();
    }
}
