package dev.verity.verification.cards;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A card deleted for good, remembered after its record is removed so that none of its older events (replayed or
 * overtaken by the delete) can start a new record for it.
 */
@Entity
@Table(name = "deleted_card")
public class DeletedCard extends PanacheEntityBase {

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    /** The version card.deleted carried: the card's last. */
    @Column(name = "card_version", nullable = false)
    public long cardVersion;

    @Column(name = "deleted_at", nullable = false)
    public Instant deletedAt;

    public static DeletedCard of(UUID cardId, long cardVersion, Instant deletedAt) {
        DeletedCard deleted = new DeletedCard();
        deleted.cardId = cardId;
        deleted.cardVersion = cardVersion;
        deleted.deletedAt = deletedAt;
        return deleted;
    }
}
