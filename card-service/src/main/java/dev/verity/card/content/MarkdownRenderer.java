package dev.verity.card.content;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
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
 * <p>Stateless and thread-safe: the parser, renderer and policy are immutable and built once.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

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

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
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
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .allowAttributes("src").matching(HTTP_ONLY).onElements("img")
            .allowAttributes("alt", "title").onElements("img")
            .toFactory();

    private MarkdownRenderer() {
    }

    /**
     * Renders Markdown to sanitised HTML.
     *
     * @param markdown CommonMark/GFM source, possibly containing raw HTML
     * @return HTML containing only the allowlisted elements and attributes
     * @throws IllegalArgumentException if {@code markdown} is null
     */
    public static String toSafeHtml(String markdown) {
        if (markdown == null) {
            throw new IllegalArgumentException("markdown must not be null");
        }
        String html = RENDERER.render(PARSER.parse(markdown));
        return POLICY.sanitize(html);
    }
}
