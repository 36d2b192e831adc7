package dev.verity.card.collections;


import dev.verity.card.content.TextRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CollectionRequest", description = "A collection's settings (POST creates, PUT replaces them)")
public record CollectionRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "Unique (case-insensitive)", example = "Billing") String name,

        @Size(max = 2000) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(example = "Invoices, refunds and payment methods") String description,

        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a colour like #1f77b4")
        @Schema(example = "#1f77b4") String color,

        @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE)
        @Schema(description = "User or group who verifies new cards unless a card names another; defaults to you", example = "billing-experts")
        String defaultVerifierId,

        @Schema(description = "7, 14, 30, 90, 180 or 365; default 90", example = "30")
        Integer defaultVerificationIntervalDays,

        @Schema(description = "A fixed date new cards must be verified by, instead of the interval", example = "2027-03-31")
        LocalDate defaultVerifyOn,

        @Schema(description = "Whether cards may show images from other sites (default false: images become links, so no site learns who read a card)", example = "false")
        Boolean allowExternalImages,

        @Schema(description = "Archive cards nobody viewed or edited for this many days: 90, 180 or 365; 0 turns it off (the default). Owners and verifiers are told 7 days before.", example = "180")
        Integer autoArchiveAfterDays,

        @Valid @Size(max = 500)
        @Schema(description = "Only on create: the initial access list. You are added as COLLECTION_OWNER.")
        List<AccessGrantRequest> access) {

    CollectionSettings settings() {
        return new CollectionSettings(name, description, color, defaultVerifierId, defaultVerificationIntervalDays,
                defaultVerifyOn, allowExternalImages, autoArchiveAfterDays);
    }
}
