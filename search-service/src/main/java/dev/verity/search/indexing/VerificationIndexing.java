package dev.verity.search.indexing;

import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.search.index.CardVerificationRepository;
import dev.verity.search.index.IndexWrites;
import dev.verity.search.index.VerificationState;
import dev.verity.search.rebuild.RebuildRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Applies one verification event to a card's verification state and its indexed document, once. */
@ApplicationScoped
public class VerificationIndexing {

    public static final String CONSUMER = "search-verifications";
    private static final Logger LOG = Logger.getLogger(VerificationIndexing.class);

    private final CardVerificationRepository verifications;
    private final IndexWrites index;
    private final RebuildRepository rebuilds;

    VerificationIndexing(CardVerificationRepository verifications, IndexWrites index, RebuildRepository rebuilds) {
        this.verifications = verifications;
        this.index = index;
        this.rebuilds = rebuilds;
    }

    /**
     * Every verification event carries the card's status, due date and last verification after it, from
     * {@code verification.started} (the state a new card starts in) on; an older event without {@code verifiedAt}
     * sets it only when it is {@code verification.verified}. An event older than the newest applied (by {@code occurredAt}: one card's
     * events share a partition, so only a replay or a re-drive can be late) changes nothing. A card not indexed yet
     * gets the state when its card event is indexed. While a rebuild fills a new index, the state goes there too;
     * a card the rebuild has not copied yet gets it from {@code card_verification} when it is (the rebuild reads it
     * under the same row lock).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(VerificationEvent event, String type) {
        CardVerificationRepository.Held held = verifications.lock(event.cardId());
        if (held.occurredAt() != null && event.occurredAt().isBefore(held.occurredAt())) {
            LOG.debugf("verification event for card %s at %s is older than the one applied (%s); ignored",
                    event.cardId(), event.occurredAt(), held.occurredAt());
            return;
        }
        // the event says when the card was last verified; events written before it did only imply it (verified: now)
        Instant verifiedAt = event.verifiedAt() != null ? event.verifiedAt()
                : VerificationEventTypes.VERIFIED.equals(type) ? event.occurredAt() : held.state().verifiedAt();
        VerificationState state = new VerificationState(event.status(), verifiedAt, event.dueAt(),
                VerificationStatuses.VERIFIED.equals(event.status()) ? null : event.reason());
        verifications.save(event.cardId(), state, event.occurredAt());
        index.applyVerification(event.cardId(), state, rebuilds.writeTargets());
    }
}
