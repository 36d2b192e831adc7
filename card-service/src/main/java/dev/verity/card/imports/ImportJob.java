package dev.verity.card.imports;

import dev.verity.card.cards.CardStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One bulk import: its items wait in {@link ImportItem}; the counters say how far it got. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Status {
        QUEUED, RUNNING, COMPLETED
    }

    @Id
    public UUID id;

    @Column(name = "collection_id", nullable = false)
    public UUID collectionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** NDJSON or MULTIPART. */
    @Column(nullable = false)
    public String format;

    /** Status of the cards it creates. */
    @Enumerated(EnumType.STRING)
    @Column(name = "card_status", nullable = false)
    public CardStatus cardStatus;

    @Column(nullable = false)
    public int total;

    @Column(nullable = false)
    public int created;

    @Column(nullable = false)
    public int updated;

    @Column(nullable = false)
    public int unchanged;

    @Column(nullable = false)
    public int failed;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /**
     * The directory groups the submitter's token carried, comma-separated, and whether they were an org admin: the
     * runner re-checks the submitter's role before every batch with these and the directory as it is then.
     */
    @Column(name = "submitter_groups", nullable = false)
    public String submitterGroups = "";

    @Column(name = "submitter_admin", nullable = false)
    public boolean submitterAdmin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Records that an item cannot be applied, and why (kept short enough for the column). */
    public void fail(ImportItem item, String error) {
        String reason = error == null ? "failed" : error;
        item.outcome = ImportItem.Outcome.FAILED;
        item.error = reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason;
        failed++;
    }

    public java.util.List<String> submitterGroupList() {
        return submitterGroups == null || submitterGroups.isEmpty() ? java.util.List.of()
                : java.util.List.of(submitterGroups.split(","));
    }

    public int done() {
        return created + updated + unchanged + failed;
    }
}
