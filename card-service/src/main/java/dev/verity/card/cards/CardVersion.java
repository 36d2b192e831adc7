package dev.verity.card.cards;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a card said at one version, who made the change, when and why. Written once, never changed. */
@Entity
@Table(name = "card_version")
@IdClass(CardVersion.Key.class)
public class CardVersion extends PanacheEntityBase {

    /** What kind of change produced a version. */
    public enum Change {
        CREATED, EDITED, RESTORED_VERSION, MOVED, ARCHIVED, RESTORED, IMPORTED
    }

    /** Composite id: (card, version). */
    public static class Key implements Serializable {
        public UUID cardId;
        public long version;

        public Key() {
        }

        public Key(UUID cardId, long version) {
            this.cardId = cardId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && version == k.version && java.util.Objects.equals(cardId, k.cardId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(cardId, version);
        }
    }

    @Id
    @Column(name = "card_id")
    public UUID cardId;

    @Id
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Change change;

    public String summary;

    @Column(nullable = false)
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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static CardVersion of(Card card, Change change, String summary) {
        CardVersion v = new CardVersion();
        v.cardId = card.id;
        v.version = card.version;
        v.change = change;
        v.summary = summary;
        v.title = card.title;
        v.body = card.body;
        v.tags = new ArrayList<>(card.tags);
        v.status = card.status;
        v.authorId = card.updatedBy;
        v.createdAt = card.updatedAt;
        return v;
    }
}
