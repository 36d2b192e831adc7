package dev.verity.card.content;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.gfm.tables.internal.TableBlockParser;
import org.commonmark.internal.InlineParserImpl;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.Parser;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;
import org.commonmark.parser.block.BlockParserFactory;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.text.Characters;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * Turns card Markdown into HTML that is safe to inject into a support agent's browser.
 *
 * <p>Card bodies are written by many people and may be pasted from chat or e-mail, so the Markdown is
 * treated as untrusted: CommonMark (plus GFM tables, strikethrough and autolinks) renders it, raw HTML
 * included, and then an OWASP allowlist policy removes everything that is not plain document structure.
 * Sanitising the <em>output</em> rather than escaping the input means no Markdown or HTML trick can
 * smuggle scripts, event handlers, styles, frames, forms or non-http(s)/mailto URLs through.
 *
 * <p>Untrusted also means hostile in size: a body of a few kilobytes can ask for a table that GFM pads to
 * millions of cells, or for one long link definition repeated thousands of times. Every render therefore has a
 * bounded cost, set by {@link Limits}; a body that would cross one is refused with a
 * {@link MarkdownTooComplexException} before the expensive part happens (see {@link Limits} for where each is
 * checked). Nor can nesting overflow the stack: commonmark parses anything nested beyond 100 open blocks or
 * 100 inline levels as text, our own limit on quotes and lists is lower still, and the sanitiser does not recurse.
 *
 * <p>Stateless and thread-safe: the renderer and policies are immutable and built once; the parser is built per
 * call because it carries that call's limits and counters.
 */
public final class MarkdownRenderer {

    /**
     * What one render may cost. Bodies are at most 100,000 characters (the caller's rule); for those, the defaults
     * keep a render to well under a second of CPU and a few tens of megabytes at worst.
     *
     * @param maxTableColumns widest table header; checked when the table starts, before any cell exists
     * @param maxTableCells cells in all tables of the body, a short row counting as wide as its header (GFM pads
     *        it); counted as the parser creates them, so at most this many are ever built
     * @param maxNesting deepest nesting of block quotes and list items; checked on the parsed document
     * @param maxHtmlChars longest HTML, both as rendered (the renderer writes into a buffer that refuses to grow
     *        past it) and after sanitising (which escapes and so may lengthen it)
     * @param deadline wall-clock backstop for anything the other limits miss; checked between lines, blocks and
     *        chunks of output, so one step in progress finishes first
     */
    public record Limits(int maxTableColumns, int maxTableCells, int maxNesting, int maxHtmlChars, Duration deadline) {

        /** 64 columns, 20,000 cells, 32 levels, 1,000,000 characters, 2 seconds. */
        public static final Limits DEFAULT = new Limits(64, 20_000, 32, 1_000_000, Duration.ofSeconds(2));

        public Limits {
            if (maxTableColumns < 1 || maxTableCells < 1 || maxNesting < 1 || maxHtmlChars < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative()) {
                throw new IllegalArgumentException("deadline must not be negative");
            }
        }
    }

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /**
     * commonmark's own guards against recursion (its defaults since 0.30, set here so they cannot quietly go):
     * blocks nested deeper, or inline markup nested deeper, are parsed as text. Everything that walks the document
     * afterwards (autolinking, rendering) recurses at most this deep.
     */
    private static final int PARSER_MAX_OPEN_BLOCKS = 100;
    private static final int PARSER_MAX_INLINE_NESTING = 100;

    /**
     * The tables extension's own test for "a table starts here", asked before the extension itself so that a too
     * wide header is refused before its rows are parsed. commonmark has no public hook for that, hence the
     * internal class; a change to it breaks the build, not silently the check.
     */
    private static final BlockParserFactory TABLE_START = new TableBlockParser.Factory(null);

    /** Images may only be loaded from absolute http(s) URLs (no data:, no relative requests to our own origin). */
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    private static final AttributePolicy HTTP_ONLY =
            (element, attribute, value) -> HTTP_URL.matcher(value).matches() ? value : null;

    /** An {@code <img>} whose src was rejected is useless, so drop the whole element. */
    private static final ElementPolicy IMG_NEEDS_SRC = (element, attrs) -> {
        for (int i = 0; i < attrs.size(); i += 2) {
            if ("src".equals(attrs.get(i))) {
                return element;
            }
        }
        return null;
    };

    private static final String LINK_RELS = "nofollow noopener noreferrer";

    private static final PolicyFactory POLICY = policy().toFactory();

    /** The same policy, with allowed images then turned into links; see {@link #withoutExternalImages}. */
    private static final PolicyFactory POLICY_IMAGES_AS_LINKS =
            policy().withPostprocessor(ImagesAsLinks::new).toFactory();

    private MarkdownRenderer() {
    }

    private static HtmlPolicyBuilder policy() {
        return new HtmlPolicyBuilder()
                .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "strong", "b", "em", "i", "del", "s", "code", "pre", "blockquote",
                        "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a")
                .allowElements(IMG_NEEDS_SRC, "img")
                .allowAttributes("start").matching(Pattern.compile("[0-9]{1,9}")).onElements("ol")
                .allowAttributes("align")
                        .matching(Pattern.compile("left|center|right", Pattern.CASE_INSENSITIVE))
                        .onElements("th", "td")
                .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]+")).onElements("code")
                // Relative links (other cards, #anchors) carry no protocol and stay allowed.
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").onElements("a")
                .requireRelsOnLinks(LINK_RELS.split(" "))
                .allowAttributes("src").matching(HTTP_ONLY).onElements("img")
                .allowAttributes("alt", "title").onElements("img");
    }

    /**
     * Renders Markdown to sanitised HTML within {@link Limits#DEFAULT}.
     *
     * @param markdown CommonMark/GFM source, possibly containing raw HTML
     * @return HTML containing only the allowlisted elements and attributes
     * @throws IllegalArgumentException if {@code markdown} is null
     * @throws MarkdownTooComplexException if rendering would break one of the limits
     */
    public static String toSafeHtml(String markdown) {
        return toSafeHtml(markdown, Limits.DEFAULT);
    }

    /**
     * Renders Markdown to sanitised HTML within the given limits.
     *
     * @param markdown CommonMark/GFM source, possibly containing raw HTML
     * @param limits what the render may cost
     * @return HTML containing only the allowlisted elements and attributes, at most
     *         {@link Limits#maxHtmlChars()} characters
     * @throws IllegalArgumentException if {@code markdown} or {@code limits} is null
     * @throws MarkdownTooComplexException if rendering would break one of the limits
     */
    public static String toSafeHtml(String markdown, Limits limits) {
        if (markdown == null || limits == null) {
            throw new IllegalArgumentException("markdown and limits must not be null");
        }
        Render render = new Render(limits);
        Node document = render.parser().parse(markdown);
        render.checkNesting(document);
        render.checkDeadline();
        Appendable html = render.htmlBuffer(markdown.length());
        RENDERER.render(document, html);
        render.checkDeadline();
        String safe = POLICY.sanitize(html.toString());
        if (safe.length() > limits.maxHtmlChars()) {
            throw MarkdownTooComplexException.htmlSize(limits.maxHtmlChars(), safe.length());
        }
        return safe;
    }

    /**
     * Turns every image in HTML from {@link #toSafeHtml} into a plain link to the image, so that showing the HTML
     * loads nothing from elsewhere (no tracking pixels). {@code <img src="u" alt="a">} becomes
     * {@code <a href="u" rel="nofollow noopener noreferrer">a</a>}, with the URL as the text when there is no alt
     * text; an image that is already inside a link becomes just that text, as links cannot nest. Everything else is
     * left as it was.
     *
     * <p>The HTML goes through the same sanitiser policy again, so this is safe on any input, but it is only
     * guaranteed to leave the rest unchanged on the output of {@link #toSafeHtml}.
     *
     * @param safeHtml HTML produced by {@link #toSafeHtml}
     * @return the same HTML with images replaced by links
     * @throws IllegalArgumentException if {@code safeHtml} is null
     */
    public static String withoutExternalImages(String safeHtml) {
        if (safeHtml == null) {
            throw new IllegalArgumentException("safeHtml must not be null");
        }
        if (!safeHtml.contains("<img")) {
            return safeHtml;
        }
        return POLICY_IMAGES_AS_LINKS.sanitize(safeHtml);
    }

    /** Rewrites the sanitiser's output events: an image becomes a link, or just its text inside a link. */
    private static final class ImagesAsLinks implements HtmlStreamEventReceiver {

        private final HtmlStreamEventReceiver out;
        private int openLinks;

        ImagesAsLinks(HtmlStreamEventReceiver out) {
            this.out = out;
        }

        @Override
        public void openTag(String element, List<String> attrs) {
            if (!"img".equals(element)) {
                if ("a".equals(element)) {
                    openLinks++;
                }
                out.openTag(element, attrs);
                return;
            }
            String src = attribute(attrs, "src");
            String alt = attribute(attrs, "alt");
            String text = alt == null || alt.isBlank() ? src : alt;
            if (openLinks > 0) {
                out.text(text);
                return;
            }
            out.openTag("a", new ArrayList<>(List.of("href", src, "rel", LINK_RELS)));
            out.text(text);
            out.closeTag("a");
        }

        @Override
        public void closeTag(String element) {
            if ("a".equals(element) && openLinks > 0) {
                openLinks--;
            }
            if (!"img".equals(element)) {
                out.closeTag(element);
            }
        }

        @Override
        public void text(String text) {
            out.text(text);
        }

        @Override
        public void openDocument() {
            out.openDocument();
        }

        @Override
        public void closeDocument() {
            out.closeDocument();
        }

        private static String attribute(List<String> attrs, String name) {
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (name.equals(attrs.get(i))) {
                    return attrs.get(i + 1);
                }
            }
            return null;
        }
    }

    /** One call's limits and what it has spent so far. */
    private static final class Render {

        /** Chunks of output between two looks at the clock. */
        private static final int APPENDS_PER_CLOCK_CHECK = 1024;

        private final Limits limits;
        private final long startNanos = System.nanoTime();
        private int tableCells;

        Render(Limits limits) {
            this.limits = limits;
        }

        /**
         * A parser that checks this call's limits while it works. Our factory comes before the extensions' so it
         * sees a table start first; every block, heading and table cell goes through the counting inline parser.
         */
        Parser parser() {
            return Parser.builder()
                    .maxOpenBlockParsers(PARSER_MAX_OPEN_BLOCKS)
                    .maxInlineNesting(PARSER_MAX_INLINE_NESTING)
                    .customBlockParserFactory(this::checkTableStart)
                    .inlineParserFactory(this::countingInlineParser)
                    .extensions(EXTENSIONS)
                    .build();
        }

        /** Called for nearly every line; never starts a block itself. */
        private BlockStart checkTableStart(ParserState state, MatchedBlockParser matched) {
            checkDeadline();
            // A delimiter row has a pipe; most lines do not, and then the tables extension need not be asked.
            if (Characters.find('|', state.getLine().getContent(), state.getIndex()) != -1
                    && TABLE_START.tryStart(state, matched) != null) {
                List<SourceLine> paragraph = matched.getParagraphLines().getLines();
                int columns = headerCells(paragraph.get(paragraph.size() - 1).getContent());
                if (columns > limits.maxTableColumns()) {
                    throw MarkdownTooComplexException.tableColumns(limits.maxTableColumns(), columns);
                }
            }
            return BlockStart.none();
        }

        /**
         * commonmark's own inline parser (an internal class: there is no public way to wrap the default one),
         * counting table cells on the way: the tables extension creates each cell, padding ones too, and at once
         * parses it through here, so counting stops the padding before the next cell exists.
         */
        private InlineParser countingInlineParser(InlineParserContext context) {
            InlineParser parser = new InlineParserImpl(context);
            return (SourceLines lines, Node block) -> {
                if (block instanceof TableCell && ++tableCells > limits.maxTableCells()) {
                    throw MarkdownTooComplexException.tableCells(limits.maxTableCells(), tableCells);
                }
                checkDeadline();
                parser.parse(lines, block);
            };
        }

        /** Walks the blocks (inline content cannot hold a quote or list) without recursion. */
        void checkNesting(Node document) {
            int depth = 0;
            int deepest = 0;
            Node node = document;
            while (true) {
                Node child = node.getFirstChild();
                if (child instanceof Block) {
                    node = child;
                } else {
                    while (node != document && node.getNext() == null) {
                        depth -= nests(node);
                        node = node.getParent();
                    }
                    if (node == document) {
                        break;
                    }
                    depth -= nests(node);
                    node = node.getNext();
                }
                depth += nests(node);
                deepest = Math.max(deepest, depth);
            }
            if (deepest > limits.maxNesting()) {
                throw MarkdownTooComplexException.nesting(limits.maxNesting(), deepest);
            }
        }

        private static int nests(Node node) {
            return node instanceof BlockQuote || node instanceof ListItem ? 1 : 0;
        }

        Appendable htmlBuffer(int markdownLength) {
            return new CappedHtml(markdownLength);
        }

        void checkDeadline() {
            long elapsed = System.nanoTime() - startNanos;
            if (elapsed >= limits.deadline().toNanos()) {
                throw MarkdownTooComplexException.deadline(limits.deadline().toMillis(), elapsed / 1_000_000);
            }
        }

        /** The HTML renderer's output buffer: refuses to grow past the limit, and keeps an eye on the clock. */
        private final class CappedHtml implements Appendable {

            private final StringBuilder html;
            private int appends;

            CappedHtml(int markdownLength) {
                html = new StringBuilder(Math.min(limits.maxHtmlChars(), markdownLength + markdownLength / 2 + 16));
            }

            @Override
            public Appendable append(CharSequence csq) {
                CharSequence text = csq == null ? "null" : csq;
                return append(text, 0, text.length());
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                CharSequence text = csq == null ? "null" : csq;
                reserve(end - start);
                html.append(text, start, end);
                return this;
            }

            @Override
            public Appendable append(char c) {
                reserve(1);
                html.append(c);
                return this;
            }

            private void reserve(int chars) {
                long length = (long) html.length() + chars;
                if (length > limits.maxHtmlChars()) {
                    throw MarkdownTooComplexException.htmlSize(limits.maxHtmlChars(), length);
                }
                if (++appends % APPENDS_PER_CLOCK_CHECK == 0) {
                    checkDeadline();
                }
            }

            @Override
            public String toString() {
                return html.toString();
            }
        }
    }

    /**
     * How many cells the tables extension makes of a header row: its own split rule, counted instead of built
     * (an optional leading pipe, and with it trailing blanks, is dropped; {@code \|} is not a separator).
     */
    static int headerCells(CharSequence row) {
        int start = 0;
        int end = row.length();
        while (start < end && isSpaceOrTab(row.charAt(start))) {
            start++;
        }
        if (start < end && row.charAt(start) == '|') {
            start++;
            while (end > start && isSpaceOrTab(row.charAt(end - 1))) {
                end--;
            }
        }
        int cells = 0;
        boolean open = false;
        for (int i = start; i < end; i++) {
            char c = row.charAt(i);
            if (c == '|') {
                cells++;
                open = false;
            } else {
                open = true;
                if (c == '\\' && i + 1 < end && row.charAt(i + 1) == '|') {
                    i++;
                }
            }
        }
        return open ? cells + 1 : cells;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }
}
