package dev.verity.card.directory;

import dev.verity.events.DirectoryEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person of the organisation, as the directory knows them (the id is the token's subject). */
@Entity
@Table(name = "directory_user")
public class DirectoryUser extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String name;

    public String email;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public DirectoryEvent.User snapshot() {
        return new DirectoryEvent.User(id, name, email);
    }
}
