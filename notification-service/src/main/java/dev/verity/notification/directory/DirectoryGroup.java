package dev.verity.notification.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A group of the directory with all its members, as of the newest version seen: who to tell when it verifies. */
@Entity
@Table(name = "directory_group")
public class DirectoryGroup extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    /** The whole member list of that version (each event carries all of it). */
    @ElementCollection
    @CollectionTable(name = "directory_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "user_id", nullable = false)
    public Set<String> memberIds = new TreeSet<>();

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static DirectoryGroup of(String id) {
        DirectoryGroup group = new DirectoryGroup();
        group.id = id;
        return group;
    }
}
