package dev.verity.verification.collections;

import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.DirectoryEvent;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.verification.verifications.VerificationRecord;
import dev.verity.verification.verifications.VerificationRecordRepository;
import dev.verity.verification.verifications.VerifierHandover;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies card-service's collections ({@code verity.collections}) and directory ({@code verity.directory}) to
 * platform's {@link CollectionAccess} and a collection's verification defaults, then hands the cards whose verifier
 * lost access by it to the collection's first owner. Older or replayed events change nothing: CollectionAccess
 * applies only what is newer than it holds, and only then does anything here happen.
 */
@ApplicationScoped
public class AccessChanges {

    /** Inbox names: one per topic. */
    public static final String COLLECTIONS_CONSUMER = "verification-service.collections";
    public static final String DIRECTORY_CONSUMER = "verification-service.directory";

    private final Clock clock;
    private final CollectionAccess access;
    private final CollectionDefaults defaults;
    private final VerificationRecordRepository records;
    private final VerifierHandover handover;

    AccessChanges(Clock clock, CollectionAccess access, CollectionDefaults defaults,
            VerificationRecordRepository records, VerifierHandover handover) {
        this.clock = clock;
        this.access = access;
        this.defaults = defaults;
        this.records = records;
        this.handover = handover;
    }

    /** A collection's settings and access list, if newer than what is applied; then re-checks its verifiers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyCollection(CollectionEvent event, String type) {
        boolean deleted = CollectionEventTypes.DELETED.equals(type);
        if (!access.applyCollection(event, deleted)) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CollectionEvent.Snapshot snapshot = event.collection();
        VerificationDefaults collection = defaults.forUpdate(event.collectionId());
        Integer interval = snapshot.defaultVerificationIntervalDays() >= 1 ? snapshot.defaultVerificationIntervalDays()
                : null;
        collection.takeOverSourceDefaults(snapshot.defaultVerifierId(), interval, snapshot.defaultVerifyOn());
        collection.updatedAt = now;
        List<VerificationRecord> orphaned = records.verifierCannotRead(event.collectionId(), List.of());
        handover.handOver(orphaned, event.actorId(), now);
    }

    /**
     * A user or group, if newer than what is applied. A removed user leaves every group; a group's member list is
     * replaced. Cards verified by anyone who may have lost access by it are re-checked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyDirectory(DirectoryEvent event, boolean removal) {
        String id = event.principalId();
        boolean user = "USER".equals(event.principalType());
        List<String> before = user ? List.of() : access.membersOf(id);
        if (!access.applyDirectory(event, removal)) {
            return;
        }
        Set<String> affected = new LinkedHashSet<>();
        if (user) {
            if (removal) {
                affected.add(id);
            }
        } else {
            List<String> left = new ArrayList<>(before);
            left.removeAll(access.membersOf(id));
            affected.addAll(left);
            if (removal) {
                affected.add(id);
            }
        }
        if (!affected.isEmpty()) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            handover.handOver(records.verifierCannotRead(null, affected), event.actorId(), now);
        }
    }
}
