package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of every {@link CommentEventTypes comment event}. Schema:
 * {@code schemas/comment-event.schema.json}.
 *
 * @param cardId       the card commented on (also the Kafka key)
 * @param cardVersion  the card's version when the comment changed
 * @param cardTitle    the card's title then, so a notification can name it without calling back
 * @param collectionId the card's collection, whose access list decides who may read the comment
 * @param actorId      who added, edited, resolved, reopened or deleted the comment
 * @param occurredAt   when the change was committed
 * @param comment      the comment's state after the change
 * @param newMentions  users mentioned by this change who were not mentioned before (all mentions on add)
 */
public record CommentEvent(UUID cardId, long cardVersion, String cardTitle, UUID collectionId, String actorId,
        Instant occurredAt, CommentSnapshot comment, List<String> newMentions) {
}
