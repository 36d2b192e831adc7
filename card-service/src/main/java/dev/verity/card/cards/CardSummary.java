package dev.verity.card.cards;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CardSummary", description = "A card in a list: everything but the body")
public record CardSummary(UUID id, @Schema(example = "3") long version, @Schema(example = "How do I issue a refund?") String title,
        @Schema(example = "how-do-i-issue-a-refund") String slug, @Schema(example = "PUBLISHED") String status,
        @Schema(example = "[\"billing\"]") List<String> tags, UUID collectionId, List<UUID> folderIds,
        @Schema(example = "alice") String ownerId, @Schema(example = "billing-experts") String verifierId,
        Instant updatedAt, @Schema(example = "bob") String updatedBy) {

    static CardSummary of(Card c) {
        return new CardSummary(c.id, c.version, c.title, c.slug, c.status.name(), List.copyOf(c.tags), c.collectionId,
                List.copyOf(c.folderIds), c.ownerId, c.verifierId, c.updatedAt, c.updatedBy);
    }

    @Schema(name = "CardList")
    public record Page(List<CardSummary> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }
}
