package dev.verity.bench.panache;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** card-service's {@code card_version} row (the history). */
@Entity
@Table(name = "card_version")
@IdClass(BaselineCardVersion.Key.class)
public class BaselineCardVersion extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID cardId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.cardId, cardId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cardId, version);
        }
    }

    @Id
    @Column(name = "card_id")
    public UUID cardId;
    @Id
    public long version;
    public String change;
    public String title;
    public String body;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags;
    public String status;
    @Column(name = "author_id")
    public String authorId;
    @Column(name = "created_at")
    public Instant createdAt;
}
