package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of every {@link AnnouncementEventTypes announcement event}. Schema:
 * {@code schemas/announcement-event.schema.json}.
 *
 * @param cardId       the card announced (also the Kafka key and the CloudEvents subject)
 * @param cardVersion  the card's version when the event happened
 * @param cardTitle    the card's title then, so a notification can name it without calling back
 * @param collectionId the card's collection, whose access list decides who may be told
 * @param actorId      who announced, reminded, renewed (the author) or acknowledged (a recipient)
 * @param occurredAt   when the change was committed
 * @param announcement the announcement's state after the change
 * @param told         the users this event tells, each once: every recipient who may read the card (created,
 *                     renewed), those of them who have not acknowledged (reminded), nobody (acknowledged)
 */
public record AnnouncementEvent(UUID cardId, long cardVersion, String cardTitle, UUID collectionId, String actorId,
        Instant occurredAt, AnnouncementSnapshot announcement, List<String> told) {
}
