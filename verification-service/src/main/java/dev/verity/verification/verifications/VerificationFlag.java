package dev.verity.verification.verifications;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reader's "this is wrong or doubtful", open until the verifier verifies the card again. */
@Entity
@Table(name = "verification_flag")
public class VerificationFlag extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(nullable = false, length = 2000)
    public String reason;

    @Column(name = "flagged_by", nullable = false)
    public String flaggedBy;

    @Column(name = "flagged_at", nullable = false)
    public Instant flaggedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    public static VerificationFlag raise(UUID cardId, String reason, String by, Instant at) {
        VerificationFlag flag = new VerificationFlag();
        flag.id = UUID.randomUUID();
        flag.cardId = cardId;
        flag.reason = reason;
        flag.flaggedBy = by;
        flag.flaggedAt = at;
        return flag;
    }
}
