package dev.verity.card.usage;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UsageDay", description = "One day's (UTC) counts")
public record UsageDay(
        @Schema(example = "2026-11-30") LocalDate day,
        long views,
        long uniqueViewers,
        long copies,
        @Schema(description = "helpdesk tickets linked that day") long links) {
}
