package dev.verity.search.index;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * A card body as words, without Markdown: what is searched and what snippets are cut from, so a snippet reads as
 * text in a UI or a chat message (no {@code **}, no {@code &#x2F;}: CommonMark decodes entities). Thread-safe.
 */
public final class PlainText {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER = TextContentRenderer.builder().build();

    private PlainText() {
    }

    public static String of(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return markdown;
        }
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }
}
