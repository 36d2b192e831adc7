package dev.verity.notification.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of the directory as of the newest version seen: names the people behind ids in messages. */
@Entity
@Table(name = "directory_user")
public class DirectoryUser extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String email;

    /** When the version held here was committed in the directory. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static DirectoryUser of(String id) {
        DirectoryUser user = new DirectoryUser();
        user.id = id;
        return user;
    }
}
