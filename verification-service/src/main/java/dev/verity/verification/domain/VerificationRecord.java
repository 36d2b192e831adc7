package dev.verity.verification.domain;

import dev.verity.events.CardSnapshot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
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

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    @Column(name = "card_version", nullable = false)
    public long cardVersion;

    @Column(name = "card_title", nullable = false, length = 200)
    public String cardTitle;

    @Column(name = "verifier_id", nullable = false)
    public String verifierId;

    @Column(name = "interval_days", nullable = false)
    public int intervalDays;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationStatus status;

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
     * so it starts VERIFIED as of the card's creation and is due one interval later.
     */
    public static VerificationRecord startFor(CardSnapshot card, Instant now) {
        VerificationRecord record = new VerificationRecord();
        record.cardId = card.id();
        record.cardVersion = card.version();
        record.cardTitle = card.title();
        record.verifierId = verifierOf(card);
        record.intervalDays = intervalOf(card);
        record.status = VerificationStatus.VERIFIED;
        record.lastVerifiedAt = card.createdAt();
        record.lastVerifiedBy = card.authorId();
        record.nextDueAt = dueAfter(record.lastVerifiedAt, record.intervalDays);
        record.createdAt = now;
        record.updatedAt = now;
        return record;
    }

    /**
     * Takes over title, verifier and interval from a newer card version. Returns {@code false}, changing nothing,
     * for a version this record already reflects or has moved past.
     */
    public boolean applyNewer(CardSnapshot card, Instant now) {
        if (card.version() <= cardVersion) {
            return false;
        }
        int interval = intervalOf(card);
        if (interval != intervalDays) {
            // the schedule follows the interval; the last verification itself still stands
            intervalDays = interval;
            nextDueAt = dueAfter(lastVerifiedAt, interval);
        }
        cardVersion = card.version();
        cardTitle = card.title();
        verifierId = verifierOf(card);
        updatedAt = now;
        return true;
    }

    /** Due-date rule: exactly {@code intervalDays} × 24 h after the last verification (instants have no time zone). */
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
