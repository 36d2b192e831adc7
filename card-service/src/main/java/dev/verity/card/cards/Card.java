package dev.verity.card.cards;

import dev.verity.events.CardSnapshot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
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

    @Column(name = "collection_id", nullable = false)
    public UUID collectionId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "folder_ids", nullable = false, columnDefinition = "uuid[]")
    public List<UUID> folderIds = new ArrayList<>();

    /** Stable, URL-safe, unique; chosen from the first title and never changed. */
    @Column(nullable = false, length = 90, updatable = false)
    public String slug;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "source_url")
    public String sourceUrl;

    /** {@link #body} rendered and sanitised at write time, so every read is cheap and safe. */
    @Column(name = "body_html", nullable = false, columnDefinition = "text")
    public String bodyHtml;

    @Column(name = "verify_on")
    public LocalDate verifyOn;

    /** Identity in the system a card was imported from; unique per collection. */
    @Column(name = "external_id")
    public String externalId;

    /** What {@link #status} was before archiving, so a restore brings the card back as it was. */
    @Enumerated(EnumType.STRING)
    @Column(name = "status_before_archive")
    public CardStatus statusBeforeArchive;

    public CardSnapshot snapshot() {
        return new CardSnapshot(id, version, title, body, List.copyOf(tags), status.name(), authorId, verifierId,
                verificationIntervalDays, createdAt, updatedAt, collectionId, List.copyOf(folderIds), slug, ownerId,
                sourceUrl, verifyOn);
    }
}
