package dev.verity.card.imports;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One submitted document of an import and what became of it. */
@Entity
@Table(name = "import_item")
@IdClass(ImportItem.Key.class)
public class ImportItem extends PanacheEntityBase {

    public enum Outcome {
        PENDING, CREATED, UPDATED, UNCHANGED, FAILED
    }

    public static class Key implements Serializable {
        public UUID jobId;
        public int position;

        public Key() {
        }

        public Key(UUID jobId, int position) {
            this.jobId = jobId;
            this.position = position;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && position == k.position && Objects.equals(jobId, k.jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, position);
        }
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    /** 1-based line (NDJSON) or part (multipart) number. */
    @Id
    public int position;

    @Column(name = "external_id")
    public String externalId;

    /** The document as submitted (JSON), until it has been applied. */
    @Column(columnDefinition = "text")
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "card_id")
    public UUID cardId;

    public String error;
}
