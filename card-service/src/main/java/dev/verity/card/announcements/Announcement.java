package dev.verity.card.announcements;

import dev.verity.events.AnnouncementSnapshot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A card announced to users and groups: each recipient is asked to acknowledge ("Got it") the announced version.
 * The recipients (group members resolved) are rows of {@code announcement_recipient}, written by the repository.
 */
@Entity
@Table(name = "announcement")
public class Announcement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "card_id", nullable = false)
    public UUID cardId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(columnDefinition = "text")
    public String message;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "user_ids", nullable = false, columnDefinition = "text[]")
    public List<String> userIds = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "group_ids", nullable = false, columnDefinition = "text[]")
    public List<String> groupIds = new ArrayList<>();

    @Column(nullable = false)
    public int round;

    @Column(name = "announced_version", nullable = false)
    public long announcedVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_reminded_at")
    public Instant lastRemindedAt;

    AnnouncementSnapshot snapshot(int recipientCount, int acknowledgedCount) {
        return new AnnouncementSnapshot(id, authorId, message, List.copyOf(userIds), List.copyOf(groupIds), round,
                announcedVersion, recipientCount, acknowledgedCount, createdAt, updatedAt);
    }
}
