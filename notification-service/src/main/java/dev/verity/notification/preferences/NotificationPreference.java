package dev.verity.notification.preferences;

import dev.verity.notification.inbox.NotificationType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One user's choice for one notification type on one channel; no row means the default. */
@Entity
@Table(name = "notification_preference")
public class NotificationPreference extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Mode mode;

    public static NotificationPreference of(String userId, NotificationType type, Channel channel, Mode mode) {
        NotificationPreference preference = new NotificationPreference();
        preference.key = new Key(userId, type, channel);
        preference.mode = mode;
        return preference;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "user_id", nullable = false)
        public String userId;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public NotificationType type;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public Channel channel;

        protected Key() {
        }

        public Key(String userId, NotificationType type, Channel channel) {
            this.userId = userId;
            this.type = type;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && userId.equals(key.userId) && type == key.type
                    && channel == key.channel;
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, type, channel);
        }
    }
}
