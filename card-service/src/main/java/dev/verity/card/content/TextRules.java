package dev.verity.card.content;

import dev.verity.platform.json.PlainText;
import dev.verity.platform.problem.ProblemException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text rules every way into card-service applies (REST requests, captures, imports, templates, restores): one
 * place, so a tag or a title that one endpoint refuses is refused by all of them. Request records cite the
 * constants in their Bean Validation annotations (so the OpenAPI documents show the limits and a bad request gets
 * every error at once); {@link #requireValidCard} applies the same rules where a card is written, so a path that
 * builds its text itself (a chat capture, a template, an import) cannot get around them.
 */
public final class TextRules {

    /** User and group ids (a user's id is their token subject). */
    public static final String PRINCIPAL_ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";
    public static final String PRINCIPAL_ID_MESSAGE =
            "must be 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";

    /**
     * Control characters (other than tab and line breaks) are never meant and break renderers and diffs; a lone
     * UTF-16 surrogate is not text at all (it cannot be encoded as UTF-8 and turns into '?' on the way out).
     */
    // Java regexes match code points, so a valid pair (an emoji) is one character outside the surrogate range;
    // a plain character class, not an alternation, so a 100,000-character body does not recurse.
    public static final String NO_CONTROL_CHARS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uD800-\\uDFFF]*";
    public static final String NO_CONTROL_CHARS_MESSAGE = PlainText.RULE;

    /** Tags: short labels of letters, digits, spaces, '.', '_' and '-'. */
    public static final String TAG = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*";
    public static final String TAG_MESSAGE =
            "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' or '-'";

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 40;
    public static final int MAX_SUMMARY = 500;

    private static final Pattern TAG_PATTERN = Pattern.compile(TAG);

    private TextRules() {
    }

    /**
     * Refuses a card's text that breaks any rule, naming the field (400 problem+json). Called by the one place a
     * card is written, whatever path the text came from.
     */
    public static void requireValidCard(String title, String body, List<String> tags, String summary) {
        if (title == null || title.isBlank()) {
            throw ProblemException.invalidParameter("title", "must not be blank");
        }
        requireText("title", title, MAX_TITLE);
        if (body == null) {
            throw ProblemException.invalidParameter("body", "must not be null");
        }
        requireText("body", body, MAX_BODY);
        if (summary != null) {
            requireText("summary", summary, MAX_SUMMARY);
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                throw ProblemException.invalidParameter("tags",
                        "at most " + MAX_TAGS + " tags are allowed, got " + tags.size());
            }
            for (int i = 0; i < tags.size(); i++) {
                String tag = tags.get(i);
                String field = "tags[" + i + "]";
                if (tag == null || tag.isBlank()) {
                    throw ProblemException.invalidParameter(field, "must not be blank");
                }
                requireText(field, tag, MAX_TAG);
                if (!TAG_PATTERN.matcher(tag.strip()).matches()) {
                    throw ProblemException.invalidParameter(field, TAG_MESSAGE);
                }
            }
        }
    }

    /** Length (in characters) and character rules of one free-text field. */
    public static void requireText(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw ProblemException.invalidParameter(field,
                    "must be at most " + maxLength + " characters, got " + value.length())
                    .with("limit", field + "-length").with("max", maxLength).with("actual", value.length());
        }
        String violation = PlainText.violation(value);
        if (violation != null) {
            throw ProblemException.invalidParameter(field, violation);
        }
    }

    /** Index of the first control character or unpaired surrogate, or -1 (the platform's rule for all text). */
    static int firstForbiddenChar(String value) {
        return PlainText.firstForbiddenChar(value);
    }
}
