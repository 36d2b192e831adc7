package dev.verity.card.cards;

import java.time.LocalDate;
import java.util.List;

/**
 * What an author asks for. On create, null optional fields take defaults (from the collection where it has one);
 * on update they keep their current values.
 *
 * @param summary a short note on what changed and why, kept in the version history
 */
public record CardDraft(String title, String body, List<String> tags, CardStatus status, String verifierId,
        Integer verificationIntervalDays, LocalDate verifyOn, String ownerId, String sourceUrl, String summary) {

    public static CardDraft of(String title, String body, List<String> tags, CardStatus status) {
        return new CardDraft(title, body, tags, status, null, null, null, null, null, null);
    }
}
