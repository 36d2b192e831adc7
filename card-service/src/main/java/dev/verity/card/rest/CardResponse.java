package dev.verity.card.rest;

import dev.verity.card.domain.Card;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Card", description = "A knowledge card at its current version")
public record CardResponse(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID id,
        @Schema(description = "Grows by one with every change; also sent as the ETag", example = "3") long version,
        @Schema(example = "How do I issue a refund?") String title,
        @Schema(description = "Markdown source") String body,
        @Schema(example = "[\"billing\"]") List<String> tags,
        @Schema(example = "PUBLISHED") String status,
        @Schema(example = "alice") String authorId,
        @Schema(example = "alice") String verifierId,
        @Schema(example = "90") int verificationIntervalDays,
        Instant createdAt,
        @Schema(example = "alice") String createdBy,
        Instant updatedAt,
        @Schema(example = "bob") String updatedBy) {

    static CardResponse of(Card card) {
        return new CardResponse(card.id, card.version, card.title, card.body, List.copyOf(card.tags),
                card.status.name(), card.authorId, card.verifierId, card.verificationIntervalDays, card.createdAt,
                card.createdBy, card.updatedAt, card.updatedBy);
    }
}
