package dev.verity.platform.json;

/**
 * What counts as text in a request: no control characters but tab and line breaks, and no lone UTF-16 surrogate.
 * A control character is never meant (it breaks renderers, diffs and logs); a lone surrogate is not text at all (it
 * cannot be encoded as UTF-8 and turns into '?' on the way out, so what is stored is not what was sent).
 */
public final class PlainText {

    public static final String RULE = "must not contain control characters or unpaired UTF-16 surrogates";

    private PlainText() {
    }

    /** Index of the first forbidden character, or -1. A loop, not a regex: card bodies are long. */
    public static int firstForbiddenChar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The rule and where {@code value} breaks it, e.g. "... (found U+0007 at index 5)"; null when it does not. */
    public static String violation(String value) {
        int bad = firstForbiddenChar(value);
        return bad < 0 ? null
                : RULE + " (found U+" + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad + ")";
    }
}
