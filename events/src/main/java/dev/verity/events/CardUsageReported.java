package dev.verity.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of {@link UsageEventTypes#REPORTED}. Schema: {@code schemas/usage-reported.schema.json}.
 * A later report replaces an earlier one (compare {@code occurredAt}); the counts cover the days of the window, today
 * included.
 *
 * @param cardId        the card (also the Kafka key and the subject)
 * @param collectionId  the card's collection when reported
 * @param occurredAt    when the report was made
 * @param windowDays    how many days the counts cover
 * @param views         views by people (a person's views of the card count once per view window)
 * @param uniqueViewers different people who viewed it in the window
 * @param copies        copies of its content (the Copy button)
 * @param linksAdded    helpdesk tickets linked to it in the window
 * @param links         helpdesk tickets linked to it now (whenever linked)
 * @param lastViewedAt  the last counted view by a person, null when none is known
 */
public record CardUsageReported(UUID cardId, UUID collectionId, Instant occurredAt, int windowDays, long views,
        long uniqueViewers, long copies, long linksAdded, long links, Instant lastViewedAt) {
}
