package dev.verity.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of every {@link VerificationEventTypes verification event} on
 * {@link Topics#VERIFICATIONS}. Schema: {@code schemas/verification-event.schema.json}.
 *
 * <p>Every event carries the card's verification state after the change, so a consumer (a notifier, a dashboard)
 * never has to call back: who must verify it, when it is next due, and why it is unverified.
 *
 * @param cardId       the card (also the Kafka key and the CloudEvents subject)
 * @param cardVersion  the newest card version verification-service had applied when this happened
 * @param cardTitle    the card's title then, so a notification can name it
 * @param collectionId the card's collection, whose access list decides who may read the card
 * @param verifierId   user or group that must verify the card (after the change)
 * @param status       {@link VerificationStatuses VERIFIED or UNVERIFIED} after the change
 * @param reason       why the card is unverified ({@link UnverifiedReasons}); null while VERIFIED
 * @param dueAt        when the card is (or was) next due; null when its policy is "never"
 * @param intervalDays days between verifications; null when the policy is a fixed date or never
 * @param verifyOn     the fixed date the card must be verified by; null when none
 * @param actorId      who caused it; {@code system} for expiry and due-soon
 * @param comment      the verifier's comment, the flag's reason or the request's message; null when none
 * @param occurredAt   when it happened
 * @param verifiedAt   when the card was last verified (a card its author verifies: its creation); null when never,
 *                     and in events written before this field existed
 */
public record VerificationEvent(UUID cardId, long cardVersion, String cardTitle, UUID collectionId,
        String verifierId, String status, String reason, Instant dueAt, Integer intervalDays, LocalDate verifyOn,
        String actorId, String comment, Instant occurredAt, Instant verifiedAt) {

    /** The actor of what the service does on its own (expiry, due-soon). */
    public static final String SYSTEM_ACTOR = "system";
}
