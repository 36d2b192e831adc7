package dev.verity.card.rest;

import dev.verity.card.domain.TextRules;

import dev.verity.card.domain.CardStatus;
import dev.verity.card.service.CardDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CardRequest", description = "The content of a card, for create (POST) and replace (PUT)")
public record CardRequest(
        @Schema(description = "Required on create: the collection the card lives in (you need AUTHOR there). Ignored on PUT; move with POST /cards/{id}/move.")
        UUID collectionId,

        @Size(max = 20)
        @Schema(description = "Only on create: folders of that collection to put the card in")
        List<@NotNull UUID> folderIds,

        @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "Plain-text title, at most 200 characters", example = "How do I issue a refund?")
        String title,

        @NotNull @Size(max = 100_000) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "Markdown source of the answer (CommonMark with GFM tables and strikethrough). Raw HTML is allowed but sanitised on output.",
                example = "Open the order, choose **Refund**, pick the items.\n\n- Card payments: 3–5 days\n- PayPal: instant")
        String body,

        @Size(max = 20)
        @Schema(description = "Labels (case-insensitive, at most 20)", example = "[\"billing\", \"refunds\"]")
        List<@NotBlank @Size(max = 40) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags,

        @Schema(description = "DRAFT or PUBLISHED (default on create). Archive with POST /cards/{id}/archive.", example = "PUBLISHED")
        CardStatus status,

        @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE)
        @Schema(description = "User or group who keeps the card true; defaults to the collection's default verifier", example = "billing-experts")
        String verifierId,

        @Schema(description = "Days between verifications: 7, 14, 30, 90, 180 or 365; defaults to the collection's", example = "90")
        Integer verificationIntervalDays,

        @Schema(description = "A fixed date to verify by instead of the interval; defaults to the collection's", example = "2027-03-31")
        LocalDate verifyOn,

        @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE)
        @Schema(description = "User accountable for the content; defaults to you", example = "alice")
        String ownerId,

        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        @Schema(description = "Where this knowledge comes from", example = "https://acme.slack.com/archives/C024BE91L/p1700000000123456")
        String sourceUrl,

        @Size(max = 500) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "What changed and why, kept in the version history", example = "PayPal refunds are now instant")
        String summary) {

    CardDraft toDraft() {
        return new CardDraft(title, body, tags, status, verifierId, verificationIntervalDays, verifyOn, ownerId,
                sourceUrl, summary);
    }

    List<UUID> folders() {
        return folderIds == null ? List.of() : folderIds;
    }
}
