package dev.verity.card.cards;


import dev.verity.card.content.TextRules;
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

        @NotBlank @Size(max = TextRules.MAX_TITLE) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "Plain-text title, at most 200 characters. Returned as given: escape it before putting it into HTML.", example = "How do I issue a refund?")
        String title,

        @NotNull @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
        @Schema(description = "Markdown source of the answer (CommonMark with GFM tables and strikethrough). Raw HTML is allowed but sanitised on output (bodyHtml). At most 100,000 characters; tables at most 64 columns and 20,000 cells, nesting at most 32 levels.",
                example = "Open the order, choose **Refund**, pick the items.\n\n- Card payments: 3–5 days\n- PayPal: instant")
        String body,

        @Size(max = TextRules.MAX_TAGS)
        @Schema(description = "Labels (case-insensitive, at most 20 of at most 40 characters)", example = "[\"billing\", \"refunds\"]")
        List<@NotBlank @Size(max = TextRules.MAX_TAG) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags,

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

        @Size(max = TextRules.MAX_SUMMARY) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
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
