package dev.verity.card.folders;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A folder inside one collection; folders nest ({@code parentId}) and are ordered by {@code position}. */
@Entity
@Table(name = "folder")
public class Folder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "collection_id", nullable = false)
    public UUID collectionId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false)
    public int position;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
