package dev.verity.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of {@code card.created} and {@code card.updated}.
 * Schema: {@code schemas/card-event.schema.json}.
 *
 * @param cardId      the card this event is about
 * @param cardVersion the card version this event describes (equals {@code card.version()})
 * @param actorId     user id of whoever caused the change
 * @param occurredAt  when the change was committed
 * @param card        the card's full state after the change
 */
public record CardEvent(UUID cardId, long cardVersion, String actorId, Instant occurredAt, CardSnapshot card) {
}
