package dev.verity.card.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CardUsage", description = "A card's usage by day over a period")
public record CardUsage(
        UUID cardId,
        @Schema(description = "First day (UTC), inclusive", example = "2026-11-01") LocalDate from,
        @Schema(description = "Last day (UTC), inclusive", example = "2026-11-30") LocalDate to,
        UsageCounts totals,
        @Schema(description = "Helpdesk tickets linked to it now", example = "4") long linkedTickets,
        @Schema(description = "The last counted view by a person; null when none") Instant lastViewedAt,
        @Schema(description = "Every day of the period, oldest first") List<UsageDay> daily) {
}
