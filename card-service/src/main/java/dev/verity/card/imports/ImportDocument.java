package dev.verity.card.imports;


import dev.verity.card.cards.CardBatchWrites;
import dev.verity.card.content.TextRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One document of a bulk import, in the form every submitted format is reduced to (and stored as, until applied).
 * The constraints are the same as for a card written through the API.
 */
public record ImportDocument(
        @NotBlank @Size(max = 200) String externalId,
        @NotBlank @Size(max = TextRules.MAX_TITLE) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE) String title,
        @NotNull @Size(max = TextRules.MAX_BODY) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE) String body,
        @Size(max = TextRules.MAX_TAGS) List<@NotBlank @Size(max = TextRules.MAX_TAG) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags) {

    /**
     * When a document has no title, its first-level heading is the title (and leaves the body, so it is not shown
     * twice); failing that, the external id's last path segment without extension.
     */
    public static ImportDocument of(String externalId, String title, String body, List<String> tags) {
        if ((title == null || title.isBlank()) && body != null) {
            String text = body.stripLeading();
            if (text.startsWith("# ")) {
                int end = text.indexOf('\n');
                title = (end < 0 ? text.substring(2) : text.substring(2, end)).strip();
                body = end < 0 ? "" : text.substring(end + 1).stripLeading();
            }
        }
        if ((title == null || title.isBlank()) && externalId != null) {
            String name = externalId.substring(externalId.lastIndexOf('/') + 1);
            title = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        }
        return new ImportDocument(externalId, title, body, tags);
    }

    /**
     * The new card this document becomes, checked and rendered.
     *
     * @throws dev.verity.platform.problem.ProblemException if it cannot become a card (e.g. too complex to render)
     */
    CardBatchWrites.NewCard toNewCard() {
        return CardBatchWrites.prepare(title, body, tags, externalId, null);
    }
}
