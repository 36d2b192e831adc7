package dev.verity.card.collections;

import java.time.LocalDate;

/** What an owner sets on a collection; null optional fields take defaults (create) or keep current values (update). */
public record CollectionSettings(String name, String description, String color, String defaultVerifierId,
        Integer defaultVerificationIntervalDays, LocalDate defaultVerifyOn, Boolean allowExternalImages,
        Integer autoArchiveAfterDays) {
}
