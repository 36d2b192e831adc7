package dev.verity.verification.verifications;

import dev.verity.events.VerificationEventTypes;
import dev.verity.platform.access.CollectionAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A verifier who can no longer read a card (grant revoked, user removed, group deleted or left) cannot keep it
 * true: the collection's first owner takes it over and the card turns UNVERIFIED (VERIFIER_LOST_ACCESS).
 */
@ApplicationScoped
public class VerifierHandover {

    private static final Logger LOG = Logger.getLogger(VerifierHandover.class);

    private final CollectionAccess access;
    private final HistoryRepository history;
    private final VerificationEvents events;

    VerifierHandover(CollectionAccess access, HistoryRepository history, VerificationEvents events) {
        this.access = access;
        this.history = history;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void handOver(List<VerificationRecord> orphaned, String actorId, Instant now) {
        for (VerificationRecord record : orphaned) {
            Optional<String> owner = access.firstOwner(record.collectionId);
            boolean alreadyHandled = record.status == VerificationStatus.UNVERIFIED
                    && record.unverifiedReason == UnverifiedReason.VERIFIER_LOST_ACCESS
                    && owner.map(record.verifierId::equals).orElse(true);
            if (alreadyHandled) {
                continue;
            }
            String previous = record.verifierId;
            if (owner.isPresent() && !owner.get().equals(previous)) {
                record.verifierId = owner.get();
                record.policyVersion++;
            }
            record.unverify(UnverifiedReason.VERIFIER_LOST_ACCESS, now);
            String comment = previous + " can no longer read the card; "
                    + (owner.isPresent() ? owner.get() + " (collection owner) took it over" : "the collection has no owner");
            history.add(HistoryEntry.of(record, HistoryKind.UNVERIFIED, actorId, comment, now));
            events.publish(VerificationEventTypes.UNVERIFIED, record, actorId, comment, now);
            LOG.debugf("card %s: %s", record.cardId, comment);
        }
    }
}
