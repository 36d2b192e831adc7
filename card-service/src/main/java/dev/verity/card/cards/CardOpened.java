package dev.verity.card.cards;

import java.util.UUID;

/**
 * Someone read a card through {@code GET /cards/{id}} or its slug (a CDI event, fired synchronously in the request,
 * after the access check): how {@code cards} tells the {@code usage} package above it, which counts views, without
 * depending on it. Observers must be cheap: they run on every read.
 *
 * @param cardId       the card
 * @param collectionId its collection
 * @param readerId     the token's subject
 */
public record CardOpened(UUID cardId, UUID collectionId, String readerId) {
}
