package dev.verity.card.cards;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Card", description = "A knowledge card at its current version")
public record CardResponse(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID id,
        @Schema(description = "Grows by one with every change; also sent as the ETag", example = "3") long version,
        @Schema(description = "Plain text, returned as written: escape it before putting it into HTML", example = "How do I issue a refund?") String title,
        @Schema(description = "Markdown source") String body,
        @Schema(description = "The body as sanitised HTML, safe to display as is. In collections that do not allow external images, images are links.", example = "<p>Open the order, choose <strong>Refund</strong>.</p>") String bodyHtml,
        @Schema(example = "[\"billing\"]") List<String> tags,
        @Schema(example = "PUBLISHED") String status,
        @Schema(description = "Stable and unique: the first title with a random suffix", example = "how-do-i-issue-a-refund-k3x9q2") String slug,
        UUID collectionId,
        List<UUID> folderIds,
        @Schema(description = "Who created the card", example = "alice") String authorId,
        @Schema(description = "Who is accountable for the content", example = "alice") String ownerId,
        @Schema(example = "billing-experts") String verifierId,
        @Schema(example = "90") int verificationIntervalDays,
        LocalDate verifyOn,
        @Schema(example = "https://acme.slack.com/archives/C024BE91L/p1700000000123456") String sourceUrl,
        @Schema(description = "Identity in the system the card was imported from") String externalId,
        Instant createdAt,
        @Schema(example = "alice") String createdBy,
        Instant updatedAt,
        @Schema(example = "bob") String updatedBy) {

    static CardResponse of(Card card, String bodyHtml) {
        return new CardResponse(card.id, card.version, card.title, card.body, bodyHtml, List.copyOf(card.tags),
                card.status.name(), card.slug, card.collectionId, List.copyOf(card.folderIds), card.authorId,
                card.ownerId, card.verifierId, card.verificationIntervalDays, card.verifyOn, card.sourceUrl,
                card.externalId, card.createdAt, card.createdBy, card.updatedAt, card.updatedBy);
    }
}
