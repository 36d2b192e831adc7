package dev.verity.verification.domain;

import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Who keeps one card true, how often, and when it is next due. Derived from card events: {@code cardVersion} is the
 * newest card version applied, so an older event (replayed or overtaken) never overwrites newer state.
 */
@Entity
@Table(name = "verification_record")
public class VerificationRecord extends PanacheEntityBase {

    /** What card-service uses too; applied when an event carries no usable interval. */
    public static final int DEFAULT_INTERVAL_DAYS = 90;

    /** The card status that takes a card out of the verification queue. */

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

    @Column(name = "interval_days", nullable = false)
    public int intervalDays;

    /** A fixed date the card must be verified by; when set it, not the interval, decides {@code nextDueAt}. */
    @Column(name = "verify_on")
    public LocalDate verifyOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RecordState state;

    /** When the card was archived (the archiving version's time); null while {@link RecordState#ACTIVE}. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "last_verified_at", nullable = false)
    public Instant lastVerifiedAt;

    @Column(name = "last_verified_by", nullable = false)
    public String lastVerifiedBy;

    @Column(name = "next_due_at", nullable = false)
    public Instant nextDueAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The record for a card seen for the first time, whichever version that is: the author vouches for a new card,
     * so it starts VERIFIED as of the card's creation and is due one interval later (or on its fixed date).
     */
    public static VerificationRecord startFor(CardSnapshot card, Instant now) {
        VerificationRecord record = new VerificationRecord();
        record.cardId = card.id();
        record.status = VerificationStatus.VERIFIED;
        record.lastVerifiedAt = card.createdAt();
        record.lastVerifiedBy = card.authorId();
        record.createdAt = now;
        record.takeOver(card, now);
        return record;
    }

    /**
     * Takes over title, collection, verifier, schedule and archived state from a newer card version. Returns
     * {@code false}, changing nothing, for a version this record already reflects or has moved past.
     *
     * <p>The due date is recomputed from the last verification whatever changed; so a restored card comes back due
     * as of its last verification (or creation) under its current interval or fixed date, which may already have passed.
     */
    public boolean applyNewer(CardSnapshot card, Instant now) {
        if (card.version() <= cardVersion) {
            return false;
        }
        takeOver(card, now);
        return true;
    }

    /** Whether the card is in the verification queue: due, listed, reminded. */
    public boolean isActive() {
        return state == RecordState.ACTIVE;
    }

    private void takeOver(CardSnapshot card, Instant now) {
        cardVersion = card.version();
        cardTitle = card.title();
        collectionId = card.collectionId();
        verifierId = verifierOf(card);
        intervalDays = intervalOf(card);
        verifyOn = card.verifyOn();
        // the schedule follows the interval or fixed date; the last verification itself still stands
        nextDueAt = dueAt(lastVerifiedAt, intervalDays, verifyOn);
        if (!CardStatuses.ARCHIVED.equals(card.status())) {
            state = RecordState.ACTIVE;
            archivedAt = null;
        } else if (state != RecordState.ARCHIVED) {
            state = RecordState.ARCHIVED;
            archivedAt = card.updatedAt() == null ? now : card.updatedAt();
        }
        updatedAt = now;
    }

    /**
     * Due-date rule: on the fixed date when there is one (from 00:00 UTC that day), otherwise exactly
     * {@code intervalDays} × 24 h after the last verification.
     */
    public static Instant dueAt(Instant verifiedAt, int intervalDays, LocalDate verifyOn) {
        return verifyOn != null ? verifyOn.atStartOfDay(ZoneOffset.UTC).toInstant() : dueAfter(verifiedAt, intervalDays);
    }

    /** Interval rule: exactly {@code intervalDays} × 24 h after the last verification (instants have no time zone). */
    public static Instant dueAfter(Instant verifiedAt, int intervalDays) {
        if (intervalDays < 1) {
            throw new IllegalArgumentException("interval must be at least one day, got " + intervalDays);
        }
        return verifiedAt.plus(Duration.ofDays(intervalDays));
    }

    private static int intervalOf(CardSnapshot card) {
        return card.verificationIntervalDays() >= 1 ? card.verificationIntervalDays() : DEFAULT_INTERVAL_DAYS;
    }

    private static String verifierOf(CardSnapshot card) {
        return card.verifierId() == null || card.verifierId().isBlank() ? card.authorId() : card.verifierId();
    }
}
