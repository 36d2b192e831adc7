package dev.verity.card.service;

import dev.verity.card.domain.CardStatus;
import java.util.List;

/** What an author asks for; null optional fields take defaults (create) or keep current values (update). */
public record CardDraft(String title, String body, List<String> tags, CardStatus status, String verifierId,
        Integer verificationIntervalDays) {
}
