package dev.verity.card.domain;

import dev.verity.events.CardSnapshot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A knowledge card. {@code version} starts at 1 and grows by one with every accepted change; it is the ETag,
 * the version carried by every event, and what consumers order by.
 */
@Entity
@Table(name = "card")
public class Card extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CardStatus status;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "verifier_id", nullable = false)
    public String verifierId;

    @Column(name = "verification_interval_days", nullable = false)
    public int verificationIntervalDays;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public CardSnapshot snapshot() {
        return new CardSnapshot(id, version, title, body, List.copyOf(tags), status.name(), authorId, verifierId,
                verificationIntervalDays, createdAt, updatedAt);
    }
}
