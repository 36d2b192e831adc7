package dev.verity.card.collections;

import dev.verity.events.CollectionEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The top level of organisation and access: every card lives in exactly one collection. */
@Entity
@Table(name = "collection")
public class Collection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, length = 100)
    public String name;

    public String description;

    /** {@code #rrggbb}, or null for the default colour. */
    public String color;

    @Column(name = "default_verifier_id", nullable = false)
    public String defaultVerifierId;

    @Column(name = "default_interval_days", nullable = false)
    public int defaultIntervalDays;

    @Column(name = "default_verify_on")
    public LocalDate defaultVerifyOn;

    /**
     * Whether cards here may show images from other sites. Off by default: an image loaded from elsewhere tells
     * that site who read the card and when (a tracking pixel); when off, images are shown as links.
     */
    @Column(name = "allow_external_images", nullable = false)
    public boolean allowExternalImages;

    /**
     * Archive cards nobody viewed or edited for this many days (90, 180 or 365); 0 = off, the default. The usage
     * package's auto-archive pass acts on it.
     */
    @Column(name = "auto_archive_after_days", nullable = false)
    public int autoArchiveAfterDays;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "collection_access", joinColumns = @JoinColumn(name = "collection_id"))
    public List<AccessGrant> access = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    /** Its state as events carry it; the folder tree lives in its own table, so the caller reads it. */
    public CollectionEvent.Snapshot snapshot(List<CollectionEvent.Folder> folders) {
        return new CollectionEvent.Snapshot(id, version, name, description, color, defaultVerifierId,
                defaultIntervalDays, defaultVerifyOn,
                access.stream().map(g -> new CollectionEvent.AccessGrant(g.principalType.name(), g.principalId,
                        g.role.name())).toList(),
                createdAt, updatedAt, folders);
    }
}
