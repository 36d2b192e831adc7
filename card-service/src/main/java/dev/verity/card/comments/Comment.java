package dev.verity.card.comments;

import dev.verity.events.CommentSnapshot;
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

/** A remark on a card: a question, a correction ("flag it"), an answer; resolved when dealt with. */
@Entity
@Table(name = "card_comment")
public class Comment extends PanacheEntityBase {

    public enum Status {
        OPEN, RESOLVED
    }

    @Id
    public UUID id;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(nullable = false)
    public long version;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> mentions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public CommentSnapshot snapshot() {
        return new CommentSnapshot(id, version, authorId, body, List.copyOf(mentions), status.name(), createdAt,
                updatedAt);
    }
}
