package dev.verity.card.directory;

import dev.verity.events.DirectoryEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A named set of users: an expert group that verifies cards, or a team that is granted access. */
@Entity
@Table(name = "directory_group")
public class DirectoryGroup extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String name;

    public String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "user_id")
    @OrderBy
    public Set<String> memberIds = new TreeSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public DirectoryEvent.Group snapshot() {
        return new DirectoryEvent.Group(id, name, description, List.copyOf(new TreeSet<>(memberIds)));
    }
}
