package dev.verity.card.rest;

import dev.verity.card.domain.CardStatus;
import dev.verity.card.service.CardDraft;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CardRequest", description = "The content of a card, for create (POST) and replace (PUT)")
public record CardRequest(
        @NotBlank @Size(max = 200)
        @Schema(description = "Plain-text title, at most 200 characters", example = "How do I issue a refund?")
        String title,

        @NotNull @Size(max = 100_000)
        @Schema(description = "Markdown source of the answer", example = "Open the order, choose **Refund**, pick the items.\n\n- Card payments: 3–5 days\n- PayPal: instant")
        String body,

        @Size(max = 20)
        @Schema(description = "Labels (case-insensitive, at most 20)", example = "[\"billing\", \"refunds\"]")
        List<@NotBlank @Size(max = 40) @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*", message = "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' or '-'") String> tags,

        @Schema(description = "DRAFT, PUBLISHED (default on create) or ARCHIVED", example = "PUBLISHED")
        CardStatus status,

        @Size(min = 1, max = 100)
        @Schema(description = "User or group who keeps the card true; defaults to the author", example = "alice")
        String verifierId,

        @Min(1) @Max(365)
        @Schema(description = "Days between verifications; default 90", example = "90")
        Integer verificationIntervalDays) {

    CardDraft toDraft() {
        return new CardDraft(title, body, tags, status, verifierId, verificationIntervalDays);
    }
}
