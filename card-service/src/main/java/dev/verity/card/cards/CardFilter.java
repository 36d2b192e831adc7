package dev.verity.card.cards;

import java.time.Instant;
import java.util.UUID;

/** Filters of the card list; null means "any". Without a status, archived cards are left out. */
public record CardFilter(UUID collectionId, UUID folderId, String tag, CardStatus status, String ownerId,
        Instant updatedSince) {
}
