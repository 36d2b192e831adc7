package dev.verity.search.index;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a card looks like in the index (mapping: {@code elasticsearch/cards-index.json}). {@code sourceUrl} stays
 * out: the body is what is searched, as Markdown ({@code body}) and as plain text ({@code bodyText}, which snippets
 * are cut from), and the mapping is strict.
 */
record CardDocument(UUID id, long version, String title, String body, String bodyText, String stemsEn,
        String stemsIt, List<String> tags,
        String status, String authorId, String verifierId, int verificationIntervalDays, Instant createdAt,
        Instant updatedAt, UUID collectionId, List<UUID> folderIds, String slug, String ownerId, String verification,
        Instant verifiedAt, Instant dueAt, String unverifiedReason, int popularity) {

    /** The status of a deleted card's tombstone: never PUBLISHED, so never found. */
    static final String DELETED = "DELETED";

    /** A deleted card: only its id, the delete's version and the status, so no content outlives the delete. */
    static CardDocument tombstone(UUID id, long version) {
        return new CardDocument(id, version, null, null, null, null, null, List.of(), DELETED, null, null, 0, null,
                null, null, List.of(), null, null, null, null, null, null, 0);
    }

    /**
     * The document one card event leaves, for the live consumer and the rebuild's replay alike: a tombstone for
     * {@code card.deleted}, the snapshot with its signals (verification state, popularity) merged in for every other
     * type.
     */
    static CardDocument of(CardEvent event, String type, CardSignals signals) {
        return CardEventTypes.DELETED.equals(type) ? tombstone(event.cardId(), event.cardVersion())
                : of(event.card(), signals);
    }

    static CardDocument of(CardSnapshot card, CardSignals signals) {
        VerificationState verification = signals.verification();
        String text = PlainText.of(card.body());
        String words = card.title() + (text == null ? "" : "\n" + text);
        return new CardDocument(card.id(), card.version(), card.title(), card.body(), text, Stems.english(words),
                Stems.italian(words), card.tags() == null ? List.of() : card.tags(), card.status(), card.authorId(),
                card.verifierId(), card.verificationIntervalDays(), card.createdAt(), card.updatedAt(), card.collectionId(),
                card.folderIds() == null ? List.of() : card.folderIds(), card.slug(), card.ownerId(),
                verification.status(), verification.verifiedAt(), verification.dueAt(), verification.reason(),
                signals.popularity());
    }
}
