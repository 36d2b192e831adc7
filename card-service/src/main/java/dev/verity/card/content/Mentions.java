package dev.verity.card.content;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code @user} mentions in card bodies and comments, so the people mentioned can be notified.
 *
 * <p>Deliberately conservative, because a false mention pings a real person: e-mail addresses
 * ({@code bob@example.com}) are not mentions, trailing sentence punctuation is not part of the id
 * ({@code "thanks @bob."} mentions {@code bob}), and nothing inside inline code or fenced code blocks counts
 * (so pasted annotations like {@code @Override} or decorators do not notify anyone).
 *
 * <p>Stateless and thread-safe.
 */
public final class Mentions {

    private static final Pattern MENTION =
            Pattern.compile("(?<![A-Za-z0-9._@])@([A-Za-z0-9][A-Za-z0-9._-]{0,99})");

    /** Opening or closing line of a fenced code block (CommonMark: at most 3 spaces of indentation). */
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    /**
     * A code span: a run of backticks, then anything up to the next run of exactly the same length, within one
     * paragraph (a code span never crosses a blank line).
     */
    private static final Pattern CODE_SPAN =
            Pattern.compile("(?<!`)(`+)(?!`)(?:(?!\\n[ \\t]*\\n)[\\s\\S])*?(?<!`)\\1(?!`)");

    private Mentions() {
    }

    /**
     * Lists the distinct mentioned ids, in order of first appearance.
     *
     * @param text Markdown text
     * @return immutable list of ids without the leading {@code @}
     * @throws IllegalArgumentException if {@code text} is null
     */
    public static List<String> in(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String prose = CODE_SPAN.matcher(withoutFencedBlocks(text)).replaceAll(" ");
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(prose);
        while (m.find()) {
            String id = stripTrailingPunctuation(m.group(1));
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** Replaces every line of a fenced code block (fences included) by an empty line. */
    private static String withoutFencedBlocks(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        String openFence = null;
        for (String line : lines) {
            Matcher fence = FENCE.matcher(line);
            if (openFence == null) {
                if (fence.matches() && !(fence.group(1).charAt(0) == '`' && fence.group(2).contains("`"))) {
                    openFence = fence.group(1);
                    out.append('\n');
                    continue;
                }
                out.append(line).append('\n');
            } else {
                if (fence.matches()
                        && fence.group(1).charAt(0) == openFence.charAt(0)
                        && fence.group(1).length() >= openFence.length()
                        && fence.group(2).isBlank()) {
                    openFence = null;
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String stripTrailingPunctuation(String id) {
        int end = id.length();
        while (end > 1 && ".-_".indexOf(id.charAt(end - 1)) >= 0) {
            end--;
        }
        return id.substring(0, end);
    }
}
