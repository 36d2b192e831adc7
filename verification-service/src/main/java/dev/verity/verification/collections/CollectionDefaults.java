package dev.verity.verification.collections;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.access.CollectionRoles;
import dev.verity.verification.access.Role;
import dev.verity.verification.verifications.PolicyChange;
import dev.verity.verification.verifications.Schedule;
import dev.verity.verification.verifications.Schedules;
import dev.verity.verification.verifications.VerificationActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The verifier and schedule new cards of a collection take; collection owners change them. */
@ApplicationScoped
public class CollectionDefaults {

    private final Clock clock;
    private final CollectionRoles roles;
    private final CollectionAccess access;
    private final VerificationActions actions;

    CollectionDefaults(Clock clock, CollectionRoles roles, CollectionAccess access, VerificationActions actions) {
        this.clock = clock;
        this.roles = roles;
        this.access = access;
        this.actions = actions;
    }

    @Transactional
    public VerificationDefaults get(UUID collectionId) {
        roles.requireInCollection(collectionId, Role.READ_ONLY, "read its verification defaults");
        return VerificationDefaults.<VerificationDefaults>findByIdOptional(collectionId)
                .orElseGet(() -> VerificationDefaults.none(collectionId));
    }

    @Transactional
    public VerificationDefaults change(UUID collectionId, PolicyChange change) {
        roles.requireInCollection(collectionId, Role.COLLECTION_OWNER, "change its verification defaults");
        Instant now = clock.instant();
        Schedule schedule = Schedules.require(change.intervalDays(), change.verifyOn(), change.never(),
                VerificationActions.today(now));
        if (change.verifierId() == null || change.verifierId().isBlank()) {
            throw ProblemException.invalidParameter("verifierId", "is required: the user or group new cards get");
        }
        String verifierId = actions.requireVerifier(change.verifierId().strip(), collectionId);
        VerificationDefaults defaults = forUpdate(collectionId);
        defaults.defaultVerifierId = verifierId;
        defaults.defaultIntervalDays = schedule.intervalDays();
        defaults.defaultVerifyOn = schedule.verifyOn();
        defaults.updatedAt = now;
        return defaults;
    }

    /** The defaults in force for new cards of the collection, when it is known here and not deleted. */
    public Optional<VerificationDefaults> inForce(UUID collectionId) {
        return collectionId == null || !access.exists(collectionId) ? Optional.empty()
                : VerificationDefaults.findByIdOptional(collectionId);
    }

    /** The collection's defaults row, locked (created empty when there is none yet). */
    VerificationDefaults forUpdate(UUID collectionId) {
        VerificationDefaults defaults = VerificationDefaults.findById(collectionId, LockModeType.PESSIMISTIC_WRITE);
        if (defaults == null) {
            defaults = VerificationDefaults.none(collectionId);
            defaults.persist();
        }
        return defaults;
    }
}
