package dev.verity.verification.verifications;

import dev.verity.events.Topics;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.platform.outbox.Outbox;
import dev.verity.verification.verifications.VerificationRecordRepository.DueCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Writes verification events to the outbox, in the caller's transaction: keyed and subjected by card id. */
@ApplicationScoped
public class VerificationEvents {

    private final Outbox outbox;

    VerificationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An event describing {@code record} as it is after the change. */
    public void publish(String type, VerificationRecord record, String actorId, String comment, Instant at) {
        send(type, new VerificationEvent(record.cardId, record.cardVersion, record.cardTitle, record.collectionId,
                record.verifierId, record.status.name(),
                record.unverifiedReason == null ? null : record.unverifiedReason.name(), record.nextDueAt,
                record.intervalDays, record.verifyOn, actorId, comment, at, record.lastVerifiedAt));
    }

    /** The due-soon event of a card the expiry job claimed (expired events are written set-based, with the claim). */
    public void publishDueSoon(DueCard card, Instant at) {
        send(VerificationEventTypes.DUE_SOON, new VerificationEvent(card.cardId(), card.cardVersion(),
                card.cardTitle(), card.collectionId(), card.verifierId(), VerificationStatuses.VERIFIED, null,
                card.dueAt(), card.intervalDays(), card.verifyOn(), VerificationEvent.SYSTEM_ACTOR, null, at,
                card.verifiedAt()));
    }

    private void send(String type, VerificationEvent event) {
        String key = event.cardId().toString();
        outbox.publish(Topics.VERIFICATIONS, key, type, key, event);
    }
}
