package dev.verity.card.domain;

/**
 * The text rules every way into card-service applies (REST requests, imports): one place, so a tag or a title
 * that one endpoint refuses is refused by all of them.
 */
public final class TextRules {

    /** User and group ids (a user's id is their token subject). */
    public static final String PRINCIPAL_ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";
    public static final String PRINCIPAL_ID_MESSAGE =
            "must be 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";

    /** Control characters (other than tab and line breaks) are never meant and break renderers and diffs. */
    public static final String NO_CONTROL_CHARS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    public static final String NO_CONTROL_CHARS_MESSAGE = "must not contain control characters";

    /** Tags: short labels of letters, digits, spaces, '.', '_' and '-'. */
    public static final String TAG = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*";
    public static final String TAG_MESSAGE =
            "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' or '-'";

    private TextRules() {
    }
}
