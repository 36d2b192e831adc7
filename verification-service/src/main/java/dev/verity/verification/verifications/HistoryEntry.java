package dev.verity.verification.verifications;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a card's verification history, with the status and liveness it left the card in. */
@Entity
@Table(name = "verification_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Insertion order, assigned by the database: "newest first" even for entries of the same instant. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "collection_id")
    public UUID collectionId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HistoryKind kind;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Enumerated(EnumType.STRING)
    public UnverifiedReason reason;

    @Column(length = 2000)
    public String comment;

    @Column(name = "verifier_id")
    public String verifierId;

    @Column(name = "due_at")
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_after", nullable = false)
    public VerificationStatus statusAfter;

    @Column(name = "live_after", nullable = false)
    public boolean liveAfter;

    /** An entry describing {@code record} as it is now, after {@code kind} happened. */
    public static HistoryEntry of(VerificationRecord record, HistoryKind kind, String actorId, String comment,
            Instant at) {
        HistoryEntry entry = new HistoryEntry();
        entry.id = UUID.randomUUID();
        entry.cardId = record.cardId;
        entry.collectionId = record.collectionId;
        entry.at = at;
        entry.kind = kind;
        entry.actorId = actorId;
        entry.reason = record.unverifiedReason;
        entry.comment = comment;
        entry.verifierId = record.verifierId;
        entry.dueAt = record.nextDueAt;
        entry.statusAfter = record.status;
        entry.liveAfter = record.isActive();
        return entry;
    }
}
