package dev.verity.card.content;

import java.util.Locale;

/**
 * A card body would cost too much to render: it breaks one of {@link MarkdownRenderer.Limits}.
 *
 * <p>This is the author's input being refused (an HTTP 400, naming {@link #limit()}), not a server fault: the
 * message is written for the author and says what to change.
 */
public final class MarkdownTooComplexException extends RuntimeException {

    /** A table header with more columns than {@link MarkdownRenderer.Limits#maxTableColumns()}. */
    public static final String TABLE_COLUMNS = "table-columns";
    /** More table cells in the body than {@link MarkdownRenderer.Limits#maxTableCells()}. */
    public static final String TABLE_CELLS = "table-cells";
    /** Block quotes and lists nested deeper than {@link MarkdownRenderer.Limits#maxNesting()}. */
    public static final String NESTING = "nesting";
    /** More HTML than {@link MarkdownRenderer.Limits#maxHtmlChars()}. */
    public static final String HTML_SIZE = "html-size";
    /** Rendering ran past {@link MarkdownRenderer.Limits#deadline()}. */
    public static final String DEADLINE = "deadline";

    private final String limit;
    private final long max;
    private final long actual;

    /**
     * @param limit which limit was broken, one of the constants of this class
     * @param max the limit's value
     * @param actual the value measured, greater than {@code max}
     * @param message what was wrong, for the author
     */
    public MarkdownTooComplexException(String limit, long max, long actual, String message) {
        super(message);
        this.limit = limit;
        this.max = max;
        this.actual = actual;
    }

    static MarkdownTooComplexException tableColumns(long max, long actual) {
        return new MarkdownTooComplexException(TABLE_COLUMNS, max, actual, String.format(Locale.ROOT,
                "the body has a table with %,d columns; at most %,d are allowed", actual, max));
    }

    static MarkdownTooComplexException tableCells(long max, long actual) {
        return new MarkdownTooComplexException(TABLE_CELLS, max, actual, String.format(Locale.ROOT,
                "the body's tables have more than %,d cells (a short row counts as wide as its table's header);"
                        + " at most %,d are allowed", max, max));
    }

    static MarkdownTooComplexException nesting(long max, long actual) {
        return new MarkdownTooComplexException(NESTING, max, actual, String.format(Locale.ROOT,
                "the body nests block quotes or lists at least %,d levels deep; at most %,d are allowed", actual, max));
    }

    static MarkdownTooComplexException htmlSize(long max, long actual) {
        return new MarkdownTooComplexException(HTML_SIZE, max, actual, String.format(Locale.ROOT,
                "the body renders to more than %,d characters of HTML; at most %,d are allowed", max, max));
    }

    static MarkdownTooComplexException deadline(long maxMillis, long elapsedMillis) {
        return new MarkdownTooComplexException(DEADLINE, maxMillis, elapsedMillis, String.format(Locale.ROOT,
                "rendering the body took more than %,d ms, the most allowed; simplify its tables, lists or links",
                maxMillis));
    }

    /** Which limit was broken: {@value #TABLE_COLUMNS}, {@value #TABLE_CELLS}, {@value #NESTING},
     * {@value #HTML_SIZE} or {@value #DEADLINE}. Stable, for clients to branch on. */
    public String limit() {
        return limit;
    }

    /** The limit's value (columns, cells, levels, characters, or milliseconds for the deadline). */
    public long max() {
        return max;
    }

    /**
     * What was measured, always more than {@link #max()}. Measuring stops as soon as the limit is passed, so for
     * {@value #TABLE_CELLS} and {@value #HTML_SIZE} this is where counting stopped (the body may hold more), for
     * {@value #NESTING} it is at least the depth (commonmark parses anything nested beyond about 100 open blocks as
     * text), and for {@value #DEADLINE} it is the elapsed milliseconds.
     */
    public long actual() {
        return actual;
    }
}
