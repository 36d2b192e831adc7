package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of {@link UsageEventTypes#ARCHIVE_SCHEDULED}. Schema:
 * {@code schemas/archive-scheduled.schema.json}. Carries whom to tell, so a notifier never calls back.
 *
 * @param cardId         the card (also the Kafka key and the subject)
 * @param cardVersion    its version when the warning was made
 * @param cardTitle      its title then
 * @param collectionId   its collection
 * @param afterDays      the collection's setting: archive after this many days without a view (90, 180 or 365)
 * @param idleSince      the last view or edit
 * @param archiveAt      when it will be archived unless viewed or edited before
 * @param recipients     who is told: the collection's owners, the card's owner and its verifier (users or groups)
 * @param occurredAt     when the warning was made
 */
public record ArchiveScheduled(UUID cardId, long cardVersion, String cardTitle, UUID collectionId, int afterDays,
        Instant idleSince, Instant archiveAt, List<Recipient> recipients, Instant occurredAt) {

    /** A user or a directory group ({@code principalType} USER or GROUP). */
    public record Recipient(String principalType, String principalId) {
    }
}
