package dev.verity.verification.collections;

import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.DirectoryEvent;
import dev.verity.verification.access.AccessRepository.Grant;
import dev.verity.verification.access.AccessRepository;
import dev.verity.verification.collections.KnownCollection;
import dev.verity.verification.verifications.VerificationRecord;
import dev.verity.verification.verifications.VerificationRecordRepository;
import dev.verity.verification.verifications.VerifierHandover;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps this service's copy of collections, access lists and group memberships (from card-service's events on
 * {@code verity.collections} and {@code verity.directory}), and hands cards whose verifier lost access to the
 * collection's owners.
 */
@ApplicationScoped
public class AccessEvents {

    /** Inbox names: one per topic. */
    public static final String COLLECTIONS_CONSUMER = "verification-service.collections";
    public static final String DIRECTORY_CONSUMER = "verification-service.directory";

    private static final Logger LOG = Logger.getLogger(AccessEvents.class);

    private final Clock clock;
    private final AccessRepository access;
    private final VerificationRecordRepository records;
    private final VerifierHandover handover;
    private final EntityManager em;

    AccessEvents(Clock clock, AccessRepository access, VerificationRecordRepository records, VerifierHandover handover,
            EntityManager em) {
        this.clock = clock;
        this.access = access;
        this.records = records;
        this.handover = handover;
        this.em = em;
    }

    /** A collection's settings and access list, if newer than what is applied; then re-checks its verifiers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyCollection(CollectionEvent event, String type) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CollectionEvent.Snapshot snapshot = event.collection();
        KnownCollection collection = access.collectionForUpdate(event.collectionId());
        if (collection != null && event.version() <= collection.version) {
            LOG.debugf("collection %s v%d is not newer than v%d; ignored", event.collectionId(), event.version(),
                    collection.version);
            return;
        }
        boolean known = collection != null;
        if (!known) {
            collection = new KnownCollection();
            collection.id = event.collectionId();
        }
        collection.version = event.version();
        collection.name = snapshot.name();
        collection.updatedAt = now;
        collection.deleted = CollectionEventTypes.DELETED.equals(type);
        Integer interval = snapshot.defaultVerificationIntervalDays() >= 1 ? snapshot.defaultVerificationIntervalDays()
                : null;
        collection.takeOverSourceDefaults(snapshot.defaultVerifierId(), interval, snapshot.defaultVerifyOn());
        if (!known) {
            access.persist(collection);
        }
        List<Grant> grants = collection.deleted || snapshot.access() == null ? List.of()
                : snapshot.access().stream().map(g -> new Grant(g.principalType(), g.principalId(), g.role())).toList();
        em.flush();
        access.replaceGrants(collection.id, grants);
        List<VerificationRecord> orphaned = records.verifierCannotRead(collection.id, List.of());
        handover.handOver(orphaned, event.actorId(), now);
    }

    /**
     * A user or group, if newer than what is applied. A removed user leaves every group; a group's member list is
     * replaced. Cards verified by anyone who may have lost access by it are re-checked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyDirectory(DirectoryEvent event, boolean removal) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String type = event.principalType();
        String id = event.principalId();
        OptionalLong applied = access.principalVersion(type, id);
        if (applied.isPresent() && event.version() <= applied.getAsLong()) {
            LOG.debugf("%s %s v%d is not newer than v%d; ignored", type, id, event.version(), applied.getAsLong());
            return;
        }
        access.savePrincipal(type, id, event.version(), removal);
        Set<String> affected = new LinkedHashSet<>();
        if ("USER".equals(type)) {
            if (removal) {
                access.removeMemberships(id);
                affected.add(id);
            }
        } else {
            List<String> before = access.membersOf(id);
            List<String> after = removal || event.group() == null ? List.of() : event.group().memberIds();
            access.replaceMembers(id, after);
            List<String> left = new ArrayList<>(before);
            left.removeAll(after);
            affected.addAll(left);
            if (removal) {
                affected.add(id);
            }
        }
        if (!affected.isEmpty()) {
            em.flush();
            handover.handOver(records.verifierCannotRead(null, affected), event.actorId(), now);
        }
    }
}
