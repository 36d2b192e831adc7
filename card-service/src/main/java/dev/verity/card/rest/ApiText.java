package dev.verity.card.rest;

/** Constraint patterns shared by the request records. */
final class ApiText {

    /** User and group ids (a user's id is their token subject). */
    static final String PRINCIPAL_ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";
    static final String PRINCIPAL_ID_MESSAGE =
            "must be 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";

    /** Control characters (other than tab and line breaks) are never meant and break renderers and diffs. */
    static final String NO_CONTROL_CHARS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String NO_CONTROL_CHARS_MESSAGE = "must not contain control characters";

    private ApiText() {
    }
}
