package dev.verity.verification.verifications;

import dev.verity.events.Topics;
import dev.verity.events.UnverifiedReasons;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import dev.verity.platform.outbox.Outbox;
import dev.verity.verification.verifications.VerificationRecordRepository.DueCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

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

    /** The expired events of the cards one expiry batch claimed, written with one statement. */
    public void publishExpired(List<DueCard> cards, Instant at) {
        outbox.publishAll(cards.stream().map(card -> event(VerificationEventTypes.EXPIRED, new VerificationEvent(
                card.cardId(), card.cardVersion(), card.cardTitle(), card.collectionId(), card.verifierId(),
                VerificationStatuses.UNVERIFIED, UnverifiedReasons.EXPIRED, card.dueAt(), card.intervalDays(),
                card.verifyOn(), VerificationEvent.SYSTEM_ACTOR, null, at, card.verifiedAt()))).toList());
    }

    /** The due-soon events of the cards one due-soon batch claimed, written with one statement. */
    public void publishDueSoon(List<DueCard> cards, Instant at) {
        outbox.publishAll(cards.stream().map(card -> event(VerificationEventTypes.DUE_SOON, new VerificationEvent(
                card.cardId(), card.cardVersion(), card.cardTitle(), card.collectionId(), card.verifierId(),
                VerificationStatuses.VERIFIED, null, card.dueAt(), card.intervalDays(), card.verifyOn(),
                VerificationEvent.SYSTEM_ACTOR, null, at, card.verifiedAt()))).toList());
    }

    private static Outbox.Event event(String type, VerificationEvent event) {
        String key = event.cardId().toString();
        return new Outbox.Event(Topics.VERIFICATIONS, key, type, key, event);
    }

    private void send(String type, VerificationEvent event) {
        String key = event.cardId().toString();
        outbox.publish(Topics.VERIFICATIONS, key, type, key, event);
    }
}
