package dev.verity.notification.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A user or group removed from the directory. Its data is deleted; this remembers the removal's version and time
 * so that an older event of the principal, replayed or overtaken by the removal, cannot bring it back.
 */
@Entity
@Table(name = "removed_principal")
public class RemovedPrincipal extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public long version;

    /** When the removal was committed in the directory. */
    @Column(name = "removed_at", nullable = false)
    public Instant removedAt;

    public static RemovedPrincipal of(String type, String id) {
        RemovedPrincipal removed = new RemovedPrincipal();
        removed.key = new Key(type, id);
        return removed;
    }

    /**
     * Whether a later event of the principal is news rather than history. A newer version always is. An older or
     * equal version is news too when it is not a removal and happened after this removal: the principal was
     * created anew under the same id, and the directory started its versions over.
     */
    public boolean isOverriddenBy(long eventVersion, boolean removal, Instant occurredAt) {
        return eventVersion > version
                || (!removal && occurredAt != null && occurredAt.isAfter(removedAt));
    }

    /** USER or GROUP, and the id (users and groups are told apart, whatever the directory's namespace). */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "principal_type", nullable = false, length = 10)
        public String type;

        @Column(name = "principal_id", nullable = false, length = 100)
        public String id;

        protected Key() {
        }

        public Key(String type, String id) {
            this.type = type;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && type.equals(key.type) && id.equals(key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, id);
        }
    }
}
