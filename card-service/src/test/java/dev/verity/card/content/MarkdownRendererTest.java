package dev.verity.card.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.card.content.MarkdownRenderer.Limits;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownRendererTest {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern DANGEROUS_ELEMENT = Pattern.compile(
            "<\\s*/?\\s*(script|style|iframe|frame|frameset|object|embed|form|input|button|textarea|select|svg|math"
                    + "|body|html|head|meta|link|base|applet|video|audio|source|marquee|template)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DANGEROUS_URL = Pattern.compile(
            "(javascript|vbscript|data|livescript)\\s*:", Pattern.CASE_INSENSITIVE);

    /** OWASP XSS filter evasion cheat sheet style vectors, plus their Markdown equivalents. */
    static Stream<Arguments> xssVectors() {
        return Stream.of(
                Arguments.of("script tag", "<script>alert('XSS')</script>"),
                Arguments.of("script tag with src", "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>"),
                Arguments.of("img onerror", "<img src=x onerror=alert(1)>"),
                Arguments.of("img onerror with http src",
                        "<img src=\"https://ok.example/a.png\" onerror=\"alert(1)\">"),
                Arguments.of("svg onload", "<svg onload=alert(1)>"),
                Arguments.of("svg with nested script", "<svg><script>alert(1)</script></svg>"),
                Arguments.of("a href javascript", "<a href=\"javascript:alert(1)\">click</a>"),
                Arguments.of("mixed case javascript", "<a href=\"JaVaScRiPt:alert(1)\">click</a>"),
                Arguments.of("entity-obfuscated javascript", "<a href=\"jav&#x09;ascript:alert(1)\">click</a>"),
                Arguments.of("decimal entity javascript",
                        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>"),
                Arguments.of("newline inside javascript", "<a href=\"java\nscript:alert(1)\">click</a>"),
                Arguments.of("leading space and control char", "<a href=\" &#14; javascript:alert(1)\">click</a>"),
                Arguments.of("markdown javascript link", "[click](javascript:alert(1))"),
                Arguments.of("markdown mixed case javascript link", "[click](JaVaScRiPt:alert(1))"),
                Arguments.of("markdown entity javascript link", "[click](jav&#x09;ascript:alert(1))"),
                Arguments.of("markdown reference javascript link", "[click][r]\n\n[r]: javascript:alert(1)"),
                Arguments.of("markdown javascript image", "![x](javascript:alert(1))"),
                Arguments.of("vbscript link", "<a href=\"vbscript:msgbox(1)\">click</a>"),
                Arguments.of("data text/html link",
                        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>"),
                Arguments.of("markdown data link",
                        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
                Arguments.of("markdown data image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
                Arguments.of("iframe", "<iframe src=\"https://evil.example\"></iframe>"),
                Arguments.of("iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"),
                Arguments.of("style element", "<style>body{background:url(\"javascript:alert(1)\")}</style>"),
                Arguments.of("style attribute", "<p style=\"background-image:url(javascript:alert(1))\">x</p>"),
                Arguments.of("body onload", "<body onload=alert('XSS')>"),
                Arguments.of("object and embed",
                        "<object data=\"https://evil.example/x.swf\"></object>"
                                + "<embed src=\"https://evil.example/x.swf\">"),
                Arguments.of("form with javascript action",
                        "<form action=\"javascript:alert(1)\">"
                                + "<input type=submit formaction=javascript:alert(1)></form>"),
                Arguments.of("button formaction", "<form><button formaction=javascript:alert(1)>x</button></form>"),
                Arguments.of("math mutation",
                        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
                                + "</mtext></math>"),
                Arguments.of("math href", "<math href=\"javascript:alert(1)\">CLICKME</math>"),
                Arguments.of("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
                Arguments.of("base href", "<base href=\"javascript:alert(1)//\">"),
                Arguments.of("event handler on allowed element", "<p onclick=\"alert(1)\" onmouseover=alert(1)>x</p>"),
                Arguments.of("unquoted attribute breaking out", "<img src=https://ok.example/a.png\"onerror=alert(1)>"),
                Arguments.of("malformed img", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">"),
                Arguments.of("code class injection", "<code class=\"x\" onclick=alert(1)>x</code>"),
                Arguments.of("fenced code language injection", "```js\" onclick=\"alert(1)\n1\n```"),
                Arguments.of("html in table cell", "| a |\n|---|\n| <img src=x onerror=alert(1)> |"),
                Arguments.of("html comment trick", "<!--<img src=\"--><img src=x onerror=alert(1)//\">"),
                Arguments.of("video source onerror", "<video><source onerror=\"alert(1)\"></video>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xssVectors")
    void neutralisesXssVector(String name, String markdown) {
        String html = MarkdownRenderer.toSafeHtml(markdown);
        assertSafe(html);
    }

    @Test
    void scriptTagAndItsContentAreRemoved() {
        String html = MarkdownRenderer.toSafeHtml("before <script>alert('XSS')</script> after");
        assertEquals("<p>before  after</p>\n", html);
    }

    @Test
    void markdownJavascriptLinkKeepsOnlyItsText() {
        assertEquals("<p>click</p>\n", MarkdownRenderer.toSafeHtml("[click](javascript:alert(1))"));
        assertEquals("<p>click</p>\n", MarkdownRenderer.toSafeHtml("[click](jav&#x09;ascript:alert(1))"));
    }

    @Test
    void markdownJavascriptAutolinkIsOnlyInertText() {
        String html = MarkdownRenderer.toSafeHtml("<javascript:alert(1)>");
        assertEquals("<p>javascript:alert(1)</p>\n", html);
    }

    @Test
    void imageWithRejectedSourceIsDroppedEntirely() {
        assertEquals("\n", MarkdownRenderer.toSafeHtml("<img src=x onerror=alert(1)>"));
        assertEquals("<p>a  b</p>\n", MarkdownRenderer.toSafeHtml("a ![pic](data:image/png;base64,AAAA) b"));
        assertEquals("<p>a  b</p>\n", MarkdownRenderer.toSafeHtml("a ![pic](/relative/image.png) b"));
        assertEquals("<p>a  b</p>\n", MarkdownRenderer.toSafeHtml("a ![pic](mailto:a@b.c) b"));
    }

    @Test
    void styleAttributeIsRemovedButElementKept() {
        assertEquals("<p>x</p>\n", MarkdownRenderer.toSafeHtml("<p style=\"color:red\">x</p>"));
    }

    @Test
    void unknownElementsAreDroppedButTheirTextKept() {
        String html = MarkdownRenderer.toSafeHtml("<div class=\"box\">boxed <span style=\"x\">text</span></div>");
        assertEquals("boxed text\n", html);
    }

    @Test
    void rendersHeadings() {
        String html = MarkdownRenderer.toSafeHtml("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six");
        assertEquals("<h1>One</h1>\n<h2>Two</h2>\n<h3>Three</h3>\n<h4>Four</h4>\n<h5>Five</h5>\n<h6>Six</h6>\n",
                html);
    }

    @Test
    void rendersParagraphsEmphasisBreaksRulesAndQuotes() {
        String html = MarkdownRenderer.toSafeHtml("*em* **strong** `code`  \nnext\n\n---\n\n> quoted");
        assertEquals("<p><em>em</em> <strong>strong</strong> <code>code</code><br />\nnext</p>\n<hr />\n"
                + "<blockquote>\n<p>quoted</p>\n</blockquote>\n", html);
    }

    @Test
    void rendersLists() {
        String html = MarkdownRenderer.toSafeHtml("- a\n- b\n\n3. x\n4. y");
        assertEquals("<ul><li>a</li><li>b</li></ul>\n<ol start=\"3\"><li>x</li><li>y</li></ol>\n", html);
    }

    @Test
    void rendersTablesWithAlignment() {
        String html = MarkdownRenderer.toSafeHtml("| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |");
        assertEquals("<table><thead><tr><th align=\"left\">A</th><th align=\"center\">B</th>"
                + "<th align=\"right\">C</th></tr></thead><tbody><tr><td align=\"left\">1</td>"
                + "<td align=\"center\">2</td><td align=\"right\">3</td></tr></tbody></table>\n", html);
    }

    @Test
    void rendersFencedCodeWithLanguageClass() {
        String html = MarkdownRenderer.toSafeHtml("```java\nif (a < b && c) {}\n```");
        assertEquals("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c) {}\n</code></pre>\n", html);
    }

    @Test
    void keepsLanguageClassesWithAllowedPunctuation() {
        assertEquals("<pre><code class=\"language-c&#43;&#43;\">x\n</code></pre>\n",
                MarkdownRenderer.toSafeHtml("```c++\nx\n```"));
        assertEquals("<pre><code class=\"language-objective-c\">x\n</code></pre>\n",
                MarkdownRenderer.toSafeHtml("```objective-c\nx\n```"));
        assertEquals("<pre><code class=\"language-java\">x\n</code></pre>\n",
                MarkdownRenderer.toSafeHtml("```java title=\"x\"\nx\n```"));
    }

    @Test
    void dropsLanguageClassWithDisallowedCharacters() {
        assertEquals("<pre><code>x\n</code></pre>\n", MarkdownRenderer.toSafeHtml("```c#\nx\n```"));
    }

    @Test
    void dropsClassAttributesThatAreNotLanguages() {
        assertEquals("<p><code>x</code></p>\n", MarkdownRenderer.toSafeHtml("<code class=\"evil\">x</code>"));
        assertEquals("<p>x</p>\n", MarkdownRenderer.toSafeHtml("<p class=\"language-java\">x</p>"));
    }

    @Test
    void rendersLinksWithRel() {
        String html = MarkdownRenderer.toSafeHtml("[docs](https://example.com/docs \"Docs\")");
        assertEquals("<p><a href=\"https://example.com/docs\" rel=\"nofollow noopener noreferrer\">docs</a></p>\n",
                html);
    }

    @Test
    void rawHtmlLinksGetRelToo() {
        String html = MarkdownRenderer.toSafeHtml(
                "<a href=\"http://example.com\" target=\"_blank\" rel=\"opener\">x</a>");
        assertTrue(html.contains("href=\"http://example.com\""), html);
        assertTrue(html.contains("nofollow"), html);
        assertTrue(html.contains("noopener"), html);
        assertTrue(html.contains("noreferrer"), html);
        assertFalse(html.contains("rel=\"opener\""), html);
    }

    @Test
    void rendersMailtoAndRelativeLinks() {
        assertEquals("<p><a href=\"mailto:help&#64;example.com\" rel=\"nofollow noopener noreferrer\">mail</a></p>\n",
                MarkdownRenderer.toSafeHtml("[mail](mailto:help@example.com)"));
        assertEquals("<p><a href=\"/cards/42\" rel=\"nofollow noopener noreferrer\">card</a></p>\n",
                MarkdownRenderer.toSafeHtml("[card](/cards/42)"));
    }

    @Test
    void dropsLinksWithOtherProtocols() {
        assertEquals("<p>f</p>\n", MarkdownRenderer.toSafeHtml("[f](ftp://example.com/file)"));
        assertEquals("<p>f</p>\n", MarkdownRenderer.toSafeHtml("[f](file:///etc/passwd)"));
    }

    @Test
    void rendersImages() {
        String html = MarkdownRenderer.toSafeHtml("![A cat](https://img.example.com/cat.png \"Cat\")");
        assertEquals("<p><img src=\"https://img.example.com/cat.png\" alt=\"A cat\" title=\"Cat\" /></p>\n", html);
    }

    @Test
    void rendersStrikethrough() {
        assertEquals("<p><del>gone</del> and <del>also</del></p>\n",
                MarkdownRenderer.toSafeHtml("~~gone~~ and ~also~"));
        assertEquals("<p><s>raw</s></p>\n", MarkdownRenderer.toSafeHtml("<s>raw</s>"));
    }

    @Test
    void rendersAutolinks() {
        String html = MarkdownRenderer.toSafeHtml(
                "See https://status.example.com/x and www.example.org or <https://a.example>.");
        assertEquals("<p>See <a href=\"https://status.example.com/x\" rel=\"nofollow noopener noreferrer\">"
                + "https://status.example.com/x</a> and <a href=\"http://www.example.org\" "
                + "rel=\"nofollow noopener noreferrer\">www.example.org</a> or <a href=\"https://a.example\" "
                + "rel=\"nofollow noopener noreferrer\">https://a.example</a>.</p>\n", html);
    }

    @Test
    void rendersAutolinkedEmailAsMailto() {
        String html = MarkdownRenderer.toSafeHtml("write to help@example.com");
        assertEquals("<p>write to <a href=\"mailto:help&#64;example.com\" rel=\"nofollow noopener noreferrer\">"
                + "help&#64;example.com</a></p>\n", html);
    }

    @Test
    void allowedRawHtmlSurvives() {
        String html = MarkdownRenderer.toSafeHtml("<b>bold</b> <i>it</i> <del>d</del>");
        assertEquals("<p><b>bold</b> <i>it</i> <del>d</del></p>\n", html);
    }

    @Test
    void escapesTextThatLooksLikeMarkup() {
        String html = MarkdownRenderer.toSafeHtml("\\<script>alert(1)\\</script>");
        assertSafe(html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals("", MarkdownRenderer.toSafeHtml(""));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> MarkdownRenderer.toSafeHtml(null));
    }

    // Limits: every render has a bounded cost, whatever the body (bodies are at most 100,000 characters).

    /** The body that took card-service down: GFM pads each one-cell row to the header's 500 columns. */
    @Test
    void wideTableAttackIsRefusedByItsColumnCount() {
        String markdown = "|" + " c |".repeat(500) + "\n|" + "---|".repeat(500) + "\n" + "| x |\n".repeat(15_000);
        assertTrue(markdown.length() < 100_000, () -> "body is " + markdown.length() + " characters");

        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(markdown));

        assertEquals("table-columns", e.limit());
        assertEquals(64, e.max());
        assertEquals(500, e.actual());
        assertEquals("the body has a table with 500 columns; at most 64 are allowed", e.getMessage());
    }

    @Test
    void tableWithTooManyCellsIsRefused() {
        String markdown = "|" + " c |".repeat(60) + "\n|" + "---|".repeat(60) + "\n" + "| x |\n".repeat(400);

        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(markdown));

        assertEquals("table-cells", e.limit());
        assertEquals(20_000, e.max());
        assertTrue(e.actual() > 20_000, () -> "actual " + e.actual());
        assertTrue(e.getMessage().contains("20,000 cells"), e.getMessage());
    }

    @Test
    void cellsOfAllTablesCountTogether() {
        String table = "|" + " c |".repeat(50) + "\n|" + "---|".repeat(50) + "\n" + "| x |\n".repeat(99) + "\n";

        String html = MarkdownRenderer.toSafeHtml(table.repeat(4));
        assertEquals(4 * 50 * 100, html.split("<t[hd]>", -1).length - 1);

        assertEquals("table-cells", assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(table.repeat(5))).limit());
    }

    @Test
    void lazyRowsOfAQuotedTableCountAsCells() {
        String markdown = "> |" + " c |".repeat(64) + "\n> |" + "---|".repeat(64) + "\n" + "x\n".repeat(400);
        assertEquals("table-cells", assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(markdown)).limit());
    }

    @Test
    void tableAtTheColumnAndCellLimitsRenders() {
        String markdown = "|" + " c |".repeat(64) + "\n|" + "---|".repeat(64) + "\n" + "| x |\n".repeat(311);
        String html = MarkdownRenderer.toSafeHtml(markdown);
        assertEquals(64, html.split("<th>", -1).length - 1);
        assertEquals(64 * 311, html.split("<td>", -1).length - 1);
    }

    /** The column limit counts header cells the way the tables extension splits them, not just pipes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tableHeaders")
    void headerCellsAreCountedAsTheTablesExtensionCountsThem(String name, String header) {
        String html = MarkdownRenderer.toSafeHtml(header + "\n|" + "-|".repeat(80) + "\n");
        assertEquals(html.split("<th[ >]", -1).length - 1, MarkdownRenderer.headerCells(header), html);
    }

    static Stream<Arguments> tableHeaders() {
        return Stream.of(
                Arguments.of("leading and trailing pipes", "| a | b | c |"),
                Arguments.of("no outer pipes", "a | b | c"),
                Arguments.of("trailing blanks after the last pipe", "a | b |   "),
                Arguments.of("leading pipe and trailing blanks", "  | a | b |  \t"),
                Arguments.of("empty cells", "|| a ||"),
                Arguments.of("escaped pipes", "| a \\| b | c \\\\| d |"),
                Arguments.of("backslash at the end", "| a | b \\"),
                Arguments.of("code span with a pipe", "| `a|b` | c |"));
    }

    @Test
    void columnLimitIsExact() {
        String table65 = "a" + " | a".repeat(64) + "\n" + "-|".repeat(65) + "-\n";
        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(table65));
        assertEquals(65, e.actual());

        String table64 = "a" + " | a".repeat(63) + "\n" + "-|".repeat(64) + "-\n";
        assertEquals(64, MarkdownRenderer.toSafeHtml(table64).split("<th>", -1).length - 1);
    }

    @Test
    void pipesThatDoNotStartATableAreJustText() {
        String markdown = "|" + " c |".repeat(500) + "\n\nno delimiter row here\n";
        assertTrue(MarkdownRenderer.toSafeHtml(markdown).startsWith("<p>| c |"));
    }

    static Stream<Arguments> deepNesting() {
        StringBuilder indented = new StringBuilder();
        for (int level = 0; indented.length() < 90_000; level++) {
            indented.append("  ".repeat(level)).append("- item\n");
        }
        return Stream.of(
                Arguments.of("50,000 quote markers", ">".repeat(50_000) + " deep"),
                Arguments.of("spaced quote markers", "> ".repeat(40_000) + "deep"),
                Arguments.of("bullet markers", "- ".repeat(40_000) + "deep"),
                Arguments.of("ordered markers", "1. ".repeat(30_000) + "deep"),
                Arguments.of("quotes and lists", "> - ".repeat(20_000) + "deep"),
                Arguments.of("tab-indented bullets", "- \t".repeat(30_000) + "deep"),
                Arguments.of("lists nested by indentation", indented.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepNesting")
    void deepNestingIsRefusedWithoutStackOverflow(String name, String markdown) {
        Throwable thrown = thrownOnSmallStack(() -> MarkdownRenderer.toSafeHtml(markdown));

        MarkdownTooComplexException e = assertInstanceOf(MarkdownTooComplexException.class, thrown);
        assertEquals("nesting", e.limit());
        assertEquals(32, e.max());
        assertTrue(e.actual() > 32, () -> "actual " + e.actual());
    }

    @Test
    void nestingLimitIsExact() {
        assertTrue(MarkdownRenderer.toSafeHtml("> ".repeat(32) + "deep").contains("deep"));
        assertEquals(24, MarkdownRenderer.toSafeHtml("> - ".repeat(12) + "deep").split("<(blockquote|li)>", -1).length
                - 1);

        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml("> ".repeat(33) + "deep"));
        assertEquals(33, e.actual());
        assertEquals("the body nests block quotes or lists at least 33 levels deep; at most 32 are allowed",
                e.getMessage());
    }

    /** Deep inline nesting and unbalanced brackets are parsed as text past a point; none of it may recurse. */
    static Stream<Arguments> deepInlineMarkup() {
        return Stream.of(
                Arguments.of("50,000 opening brackets", "[".repeat(50_000)),
                Arguments.of("nested brackets", "[".repeat(40_000) + "x" + "]".repeat(40_000)),
                Arguments.of("nested emphasis", "*".repeat(40_000) + "x" + "*".repeat(40_000)),
                Arguments.of("nested images", "![".repeat(15_000) + "x" + "](u)".repeat(15_000)),
                Arguments.of("nested raw HTML", "<b><i>".repeat(14_000)),
                Arguments.of("HTML attributes", "<a " + "b=c ".repeat(24_000) + ">"),
                Arguments.of("email autolink", "<a@" + "a.".repeat(45_000) + "a>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepInlineMarkup")
    void deepInlineMarkupRendersWithoutStackOverflow(String name, String markdown) {
        assertTrue(markdown.length() < 100_000);
        assertNull(thrownOnSmallStack(() -> assertSafe(MarkdownRenderer.toSafeHtml(markdown))));
    }

    /** One long link definition, referenced thousands of times: 100 KB of Markdown, 28 MB of HTML. */
    @Test
    void bodyThatRendersToTooMuchHtmlIsRefused() {
        String markdown = "[r]: https://example.com/" + "a".repeat(2_000) + "\n\n" + "[a][r] ".repeat(13_000);
        assertTrue(markdown.length() < 100_000);

        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(markdown));

        assertEquals("html-size", e.limit());
        assertEquals(1_000_000, e.max());
        assertTrue(e.actual() > 1_000_000, () -> "actual " + e.actual());
    }

    @Test
    void htmlLimitAlsoHoldsAfterSanitisingEscapesIt() {
        Limits limits = new Limits(64, 20_000, 32, 100, Duration.ofSeconds(2));
        String markdown = "@".repeat(40); // 48 characters as rendered, 208 once the sanitiser writes &#64;
        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml(markdown, limits));
        assertEquals("html-size", e.limit());
        assertEquals(208, e.actual());
    }

    @Test
    void renderPastTheDeadlineIsRefused() {
        Limits noTime = new Limits(64, 20_000, 32, 1_000_000, Duration.ZERO);
        MarkdownTooComplexException e = assertThrows(MarkdownTooComplexException.class,
                () -> MarkdownRenderer.toSafeHtml("# Title\n\nbody", noTime));
        assertEquals("deadline", e.limit());
        assertEquals(0, e.max());
    }

    @Test
    void limitsMustBeSensible() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 20_000, 32, 1_000_000, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new Limits(64, 20_000, 32, 1_000_000, Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new Limits(64, 20_000, 32, 1_000_000, null));
        assertThrows(IllegalArgumentException.class, () -> MarkdownRenderer.toSafeHtml("x", null));
    }

    // Images as links: collections that disallow external images show these instead.

    @Test
    void imagesBecomeLinksToThemselves() {
        String html = MarkdownRenderer.toSafeHtml("![A cat](https://img.example.com/cat.png \"Cat\") and "
                + "![](https://t.example/p.gif?u=1&x=2)");
        assertEquals("<p><a href=\"https://img.example.com/cat.png\" rel=\"nofollow noopener noreferrer\">A cat</a>"
                        + " and <a href=\"https://t.example/p.gif?u&#61;1&amp;x&#61;2\" "
                        + "rel=\"nofollow noopener noreferrer\">https://t.example/p.gif?u&#61;1&amp;x&#61;2</a></p>\n",
                MarkdownRenderer.withoutExternalImages(html));
    }

    @Test
    void imageInsideALinkBecomesItsText() {
        String html = MarkdownRenderer.toSafeHtml("[![logo](https://img.example/l.png)](https://site.example)");
        assertEquals("<p><a href=\"https://site.example\" rel=\"nofollow noopener noreferrer\">logo</a></p>\n",
                MarkdownRenderer.withoutExternalImages(html));
    }

    @Test
    void altTextStaysEscaped() {
        String html = MarkdownRenderer.toSafeHtml(
                "<img src=\"https://t.example/p.gif\" alt=\"<script>alert(1)</script> &amp; &quot;co&quot;\">");
        String links = MarkdownRenderer.withoutExternalImages(html);
        assertEquals("<a href=\"https://t.example/p.gif\" rel=\"nofollow noopener noreferrer\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;</a>\n", links);
        assertSafe(links);
    }

    @Test
    void everythingButImagesIsLeftAsItWas() {
        String markdown = "# Refunds\n\n| a | b |\n|---|:-:|\n| ![x](https://i.example/x.png) | `c<d` |\n\n"
                + "> see [policy](https://l.example/p?a=1&b=2) or mail help@example.com\n\n"
                + "1. *one*\n2. ~~two~~\n\n```java\nif (a < b && c) {}\n```\n";
        String html = MarkdownRenderer.toSafeHtml(markdown);
        String image = "<img src=\"https://i.example/x.png\" alt=\"x\" />";
        assertTrue(html.contains(image), html);

        assertEquals(html.replace(image,
                        "<a href=\"https://i.example/x.png\" rel=\"nofollow noopener noreferrer\">x</a>"),
                MarkdownRenderer.withoutExternalImages(html));
    }

    @Test
    void htmlWithoutImagesIsReturnedAsIs() {
        String html = MarkdownRenderer.toSafeHtml("a [link](https://example.com) and <b>bold</b> &amp; more");
        assertSame(html, MarkdownRenderer.withoutExternalImages(html));
        assertThrows(IllegalArgumentException.class, () -> MarkdownRenderer.withoutExternalImages(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xssVectors")
    void imagesAsLinksStaySafe(String name, String markdown) {
        String html = MarkdownRenderer.withoutExternalImages(MarkdownRenderer.toSafeHtml(markdown));
        assertSafe(html);
        assertFalse(html.contains("<img"), html);
    }

    /** Runs on a thread with a quarter of the usual stack, so recursion deep enough to matter shows up here. */
    private static Throwable thrownOnSmallStack(Runnable task) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                task.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return thrown.get();
    }

    private static void assertSafe(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), () -> "script element in: " + html);
        assertFalse(lower.contains("javascript:"), () -> "javascript: URL in: " + html);
        assertFalse(lower.contains("vbscript:"), () -> "vbscript: URL in: " + html);
        assertFalse(lower.contains("data:"), () -> "data: URL in: " + html);
        assertFalse(EVENT_HANDLER.matcher(html).find(), () -> "event handler in: " + html);
        assertFalse(DANGEROUS_ELEMENT.matcher(html).find(), () -> "dangerous element in: " + html);
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String tag = tags.group();
            assertFalse(EVENT_HANDLER.matcher(tag).find(), () -> "event handler in " + tag + " of: " + html);
            assertFalse(tag.toLowerCase(Locale.ROOT).contains("style="), () -> "style attribute in: " + html);
            assertFalse(tag.toLowerCase(Locale.ROOT).contains("srcdoc"), () -> "srcdoc in: " + html);
            assertFalse(DANGEROUS_URL.matcher(decodeForCheck(tag)).find(), () -> "dangerous URL in: " + html);
            if (tag.startsWith("<a ")) {
                assertTrue(tag.contains("rel=\"nofollow noopener noreferrer\""), () -> "link without rel: " + html);
            }
        }
        // Outside tags, text is escaped; make sure nothing that browsers would treat as markup remains.
        String text = TAG.matcher(html).replaceAll("");
        assertFalse(text.contains("<"), () -> "unescaped < in text of: " + html);
    }

    /** Undoes the numeric entities the sanitiser uses, so obfuscated schemes cannot hide from the check. */
    private static String decodeForCheck(String tag) {
        String s = Pattern.compile("&#(\\d+);").matcher(tag)
                .replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1)))));
        s = Pattern.compile("&#x([0-9a-fA-F]+);").matcher(s)
                .replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        return s.replaceAll("[\\s\\u0000-\\u001f]", "");
    }
}
