package dev.verity.bench.panache;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** card-service's {@code card} row, as plainly as Panache maps it. */
@Entity
@Table(name = "card")
public class BaselineCard extends PanacheEntityBase {
    @Id
    public UUID id;
    public long version;
    public String title;
    public String body;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags;
    public String status;
    @Column(name = "author_id")
    public String authorId;
    @Column(name = "verifier_id")
    public String verifierId;
    @Column(name = "verification_interval_days")
    public int verificationIntervalDays;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "collection_id")
    public UUID collectionId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "folder_ids", columnDefinition = "uuid[]")
    public List<UUID> folderIds;
    public String slug;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "body_html")
    public String bodyHtml;
}
