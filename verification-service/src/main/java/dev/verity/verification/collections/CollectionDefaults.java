package dev.verity.verification.collections;

import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.access.Access;
import dev.verity.verification.access.AccessRepository;
import dev.verity.verification.access.Role;
import dev.verity.verification.collections.KnownCollection;
import dev.verity.verification.verifications.PolicyChange;
import dev.verity.verification.verifications.Schedule;
import dev.verity.verification.verifications.Schedules;
import dev.verity.verification.verifications.VerificationActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The verifier and schedule new cards of a collection take; collection owners change them. */
@ApplicationScoped
public class CollectionDefaults {

    private final Clock clock;
    private final Access access;
    private final AccessRepository collections;
    private final VerificationActions actions;

    CollectionDefaults(Clock clock, Access access, AccessRepository collections, VerificationActions actions) {
        this.clock = clock;
        this.access = access;
        this.collections = collections;
        this.actions = actions;
    }

    @Transactional
    public KnownCollection get(UUID collectionId) {
        access.requireInCollection(collectionId, Role.READ_ONLY, "read its verification defaults");
        return collections.collection(collectionId).orElseThrow();
    }

    @Transactional
    public KnownCollection change(UUID collectionId, PolicyChange change) {
        access.requireInCollection(collectionId, Role.COLLECTION_OWNER, "change its verification defaults");
        KnownCollection collection = collections.collectionForUpdate(collectionId);
        Instant now = clock.instant();
        Schedule schedule = Schedules.require(change.intervalDays(), change.verifyOn(), change.never(),
                VerificationActions.today(now));
        if (change.verifierId() == null || change.verifierId().isBlank()) {
            throw ProblemException.invalidParameter("verifierId", "is required: the user or group new cards get");
        }
        collection.defaultVerifierId = actions.requireVerifier(change.verifierId().strip(), collectionId);
        collection.defaultIntervalDays = schedule.intervalDays();
        collection.defaultVerifyOn = schedule.verifyOn();
        collection.updatedAt = now;
        return collection;
    }
}
