package dev.verity.verification.collections;

import dev.verity.verification.verifications.Schedule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The verification defaults new cards of a collection take. card-service's defaults ({@code source*}) are what a new
 * card's snapshot carries when its author named no verifier; the defaults in force ({@code default*}) start as those
 * and collection owners may change them here. Whether the collection exists, and who may do what in it, is
 * platform's {@code CollectionAccess}.
 */
@Entity
@Table(name = "verification_defaults")
public class VerificationDefaults extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "source_default_verifier_id")
    public String sourceDefaultVerifierId;

    @Column(name = "source_default_interval_days")
    public Integer sourceDefaultIntervalDays;

    @Column(name = "source_default_verify_on")
    public LocalDate sourceDefaultVerifyOn;

    @Column(name = "default_verifier_id")
    public String defaultVerifierId;

    @Column(name = "default_interval_days")
    public Integer defaultIntervalDays;

    @Column(name = "default_verify_on")
    public LocalDate defaultVerifyOn;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A collection without defaults yet (new cards keep what their author named). */
    public static VerificationDefaults none(UUID collectionId) {
        VerificationDefaults defaults = new VerificationDefaults();
        defaults.id = collectionId;
        defaults.updatedAt = Instant.EPOCH;
        return defaults;
    }

    /**
     * Takes over card-service's defaults when they changed there (the newest word wins, whichever side said it).
     */
    public void takeOverSourceDefaults(String verifierId, Integer intervalDays, LocalDate verifyOn) {
        boolean changed = !Objects.equals(sourceDefaultVerifierId, verifierId)
                || !Objects.equals(sourceDefaultIntervalDays, intervalDays)
                || !Objects.equals(sourceDefaultVerifyOn, verifyOn);
        if (changed) {
            sourceDefaultVerifierId = verifierId;
            sourceDefaultIntervalDays = intervalDays;
            sourceDefaultVerifyOn = verifyOn;
            defaultVerifierId = verifierId;
            defaultIntervalDays = intervalDays;
            defaultVerifyOn = verifyOn;
        }
    }

    /** Whether a new card took card-service's defaults (so it takes the defaults in force here instead). */
    public boolean isSourceDefault(String verifierId, Schedule schedule) {
        return Objects.equals(sourceDefaultVerifierId, verifierId)
                && Objects.equals(sourceDefaultIntervalDays, schedule.intervalDays())
                && Objects.equals(sourceDefaultVerifyOn, schedule.verifyOn());
    }

    public Schedule defaultSchedule() {
        return new Schedule(defaultIntervalDays, defaultVerifyOn);
    }
}
