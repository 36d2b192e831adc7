package dev.verity.verification.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.platform.problem.ProblemException;
import dev.verity.verification.domain.DeletedCard;
import dev.verity.verification.domain.VerificationRecord;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Verification records: built from card events, read by the REST API. */
@ApplicationScoped
public class VerificationService {

    /** This service's name in the inbox: each event id is applied once per consumer. */
    public static final String CONSUMER = "verification-service";

    private static final Logger LOG = Logger.getLogger(VerificationService.class);

    private final Clock clock;

    VerificationService(Clock clock) {
        this.clock = clock;
    }

    /**
     * Applies one card event, once: the inbox claim and the change commit together, so a redelivered event id is
     * skipped. The first event seen for a card starts its record whatever its type (events may arrive out of
     * order); later ones only count when they carry a newer card version. Every snapshot type is applied alike
     * (an ARCHIVED snapshot takes the record out of the queue, a newer live one brings it back), except
     * {@code card.deleted}, which removes the record and remembers the card as deleted, so none of its older
     * events can start a record again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, CardEvent event, String type) {
        CardSnapshot card = event.card();
        // PostgreSQL keeps microseconds; truncating keeps the entity equal to what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DeletedCard deleted = DeletedCard.findById(card.id());
        if (deleted != null) {
            LOG.debugf("card %s v%d (%s): the card was deleted at v%d; ignored", card.id(), card.version(), type,
                    deleted.cardVersion);
            return;
        }
        // locked so a second instance that briefly holds the same partition during a rebalance waits for us
        VerificationRecord record = VerificationRecord.findById(card.id(), LockModeType.PESSIMISTIC_WRITE);
        if (CardEventTypes.DELETED.equals(type)) {
            forget(card, record, now);
        } else if (record == null) {
            VerificationRecord.startFor(card, now).persist();
            LOG.debugf("card %s v%d (%s): verification record started", card.id(), card.version(), type);
        } else if (!record.applyNewer(card, now)) {
            LOG.debugf("card %s v%d (%s) is not newer than the applied v%d; ignored", card.id(), card.version(),
                    type, record.cardVersion);
        }
    }

    private static void forget(CardSnapshot card, VerificationRecord record, Instant now) {
        if (record != null && record.cardVersion >= card.version()) {
            LOG.warnf("card %s deleted at v%d, but its record already reflects v%d; delete ignored", card.id(),
                    card.version(), record.cardVersion);
            return;
        }
        if (record != null) {
            record.delete();
        }
        DeletedCard.of(card.id(), card.version(), now).persist();
        LOG.debugf("card %s deleted at v%d: verification record removed", card.id(), card.version());
    }

    public VerificationRecord get(UUID cardId) {
        return VerificationRecord.<VerificationRecord>findByIdOptional(cardId)
                .orElseThrow(() -> ProblemException.notFound("verification record for card", cardId));
    }

    /**
     * Soonest due first; ties broken by card id so paging through equal due dates is stable. Only records in the
     * query's state are listed, so archived cards never show up as due unless asked for.
     */
    public List<VerificationRecord> find(VerificationQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("state = :state");
        params.put("state", query.state());
        if (query.verifierId() != null) {
            where.add("verifierId = :verifier");
            params.put("verifier", query.verifierId());
        }
        if (query.status() != null) {
            where.add("status = :status");
            params.put("status", query.status());
        }
        if (query.dueBefore() != null) {
            where.add("nextDueAt < :dueBefore");
            params.put("dueBefore", query.dueBefore());
        }
        Sort order = Sort.by("nextDueAt").and("cardId");
        return VerificationRecord.<VerificationRecord>find(String.join(" and ", where), order, params)
                .page(0, query.limit()).list();
    }
}
