package dev.verity.card.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CollectionUsage", description = "A collection's usage by day over a period, and its most and least used cards (archived ones left out)")
public record CollectionUsage(
        UUID collectionId,
        @Schema(example = "2026-11-01") LocalDate from,
        @Schema(example = "2026-11-30") LocalDate to,
        @Schema(description = "Unique viewers: different people over all its cards") UsageCounts totals,
        @Schema(description = "Every day of the period, oldest first") List<UsageDay> daily,
        @Schema(description = "By views, then copies, then links; most first") List<CardUse> mostUsed,
        @Schema(description = "By views, then copies, then links; least first (cards nobody used included)") List<CardUse> leastUsed) {

    @Schema(name = "CardUse")
    public record CardUse(UUID cardId, @Schema(example = "Refund policy") String title, UsageCounts usage) {
    }
}
