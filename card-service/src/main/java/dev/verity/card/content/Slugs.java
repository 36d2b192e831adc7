package dev.verity.card.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URL slugs for cards, derived from their titles.
 *
 * <p>Slugs end up in links that agents paste into tickets and chat, so they must be plain ASCII,
 * predictable and bounded in length: accents are folded ("Crème" becomes "creme"), everything that is not
 * a lower-case letter or digit becomes a single hyphen, and overly long titles are cut at a word boundary.
 * A few letters that Unicode decomposition cannot fold (ß, æ, ø, ł, ...) are transliterated explicitly.
 *
 * <p>Stateless and thread-safe.
 */
public final class Slugs {

    /** Maximum length of a slug produced by {@link #slugify(String)}. */
    public static final int MAX_LENGTH = 80;

    /** Maximum length of a slug produced by {@link #withSuffix(String, int)}. */
    public static final int MAX_SUFFIXED_LENGTH = 90;

    /** Slug used when a title contains nothing that survives slugification. */
    public static final String FALLBACK = "card";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private static final String[][] TRANSLITERATIONS = {
        {"ß", "ss"}, {"æ", "ae"}, {"œ", "oe"}, {"ø", "o"}, {"ł", "l"}, {"đ", "d"}, {"ð", "d"},
        {"þ", "th"}, {"ı", "i"},
    };

    private Slugs() {
    }

    /**
     * Derives a slug from a title.
     *
     * @param title any text
     * @return a non-empty slug matching {@code [a-z0-9]+(-[a-z0-9]+)*} of at most {@value #MAX_LENGTH}
     *     characters, or {@value #FALLBACK} when nothing usable is left
     * @throws IllegalArgumentException if {@code title} is null
     */
    public static String slugify(String title) {
        if (title == null) {
            throw new IllegalArgumentException("title must not be null");
        }
        String s = Normalizer.normalize(title, Normalizer.Form.NFD);
        s = COMBINING_MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        for (String[] t : TRANSLITERATIONS) {
            s = s.replace(t[0], t[1]);
        }
        s = NON_ALNUM.matcher(s).replaceAll("-");
        s = trimHyphens(s);
        s = truncate(s, MAX_LENGTH);
        return s.isEmpty() ? FALLBACK : s;
    }

    /**
     * Makes a slug unique by appending {@code -n}, shortening the slug if needed so that the result stays
     * within {@value #MAX_SUFFIXED_LENGTH} characters.
     *
     * @param slug a non-empty slug, typically from {@link #slugify(String)}
     * @param n a non-negative discriminator (e.g. 2 for the second card with the same title)
     * @return {@code slug + "-" + n}, shortened as described
     * @throws IllegalArgumentException if {@code slug} is null or blank, or {@code n} is negative
     */
    public static String withSuffix(String slug, int n) {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("slug must not be null or blank");
        }
        if (n < 0) {
            throw new IllegalArgumentException("suffix number must not be negative: " + n);
        }
        return withSuffix(slug, Integer.toString(n));
    }

    /**
     * {@code slug-suffix}, shortening the slug at a word boundary so the result stays within
     * {@link #MAX_SUFFIXED_LENGTH}.
     *
     * @throws IllegalArgumentException if the slug is blank or the suffix is not 1-9 lower-case letters or digits
     */
    public static String withSuffix(String slug, String suffix) {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("slug must not be null or blank");
        }
        if (suffix == null || !suffix.matches("[a-z0-9]{1,10}")) {
            throw new IllegalArgumentException("suffix must be 1-10 lower-case letters or digits: " + suffix);
        }
        String base = truncate(trimHyphens(slug), MAX_SUFFIXED_LENGTH - suffix.length() - 1);
        return (base.isEmpty() ? FALLBACK : base) + "-" + suffix;
    }

    /** Cuts at the last hyphen within {@code max} characters if there is one, never leaving a trailing hyphen. */
    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String cut = s.substring(0, max);
        if (s.charAt(max) != '-') {
            int lastHyphen = cut.lastIndexOf('-');
            if (lastHyphen > 0) {
                cut = cut.substring(0, lastHyphen);
            }
        }
        return trimHyphens(cut);
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
