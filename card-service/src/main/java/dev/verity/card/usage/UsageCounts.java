package dev.verity.card.usage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UsageCounts", description = "Views by people (a person's reads of a card within the view window count once), the different people who viewed, copies, and helpdesk links added")
public record UsageCounts(
        @Schema(example = "42") long views,
        @Schema(example = "17") long uniqueViewers,
        @Schema(example = "5") long copies,
        @Schema(description = "helpdesk tickets linked in the period", example = "3") long links) {
}
