package dev.verity.card.content;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts Slack "mrkdwn" to CommonMark, so that an answer found in a chat thread can be captured as a card.
 *
 * <p>Slack's dialect looks like Markdown but differs where it hurts: {@code *x*} is bold rather than italic,
 * {@code ~x~} is strikethrough, links, user and channel mentions are {@code <...>} control sequences, and
 * {@code &}, {@code <}, {@code >} arrive HTML-escaped. The conversion rules:
 * <ul>
 *   <li>{@code *bold*} becomes {@code **bold**}, {@code _italic_} becomes {@code *italic*},
 *       {@code ~strike~} becomes {@code ~~strike~~};</li>
 *   <li>{@code <url|label>} becomes {@code [label](url)}, {@code <url>} stays an autolink {@code <url>};</li>
 *   <li>{@code <@U123>} becomes {@code @U123}, {@code <@U123|alice>} becomes {@code @alice},
 *       {@code <#C123|general>} becomes {@code #general}, {@code <!here>} / {@code <!channel>} /
 *       {@code <!everyone>} become {@code @here} / {@code @channel} / {@code @everyone};</li>
 *   <li>{@code &amp;}, {@code &lt;}, {@code &gt;} are unescaped everywhere, including in code. Where a decoded
 *       character would otherwise be read as Markdown markup ({@code <} starting an HTML tag, {@code &} starting
 *       an entity), it is backslash-escaped so that it still displays as typed;</li>
 *   <li>inline code and {@code ```} blocks are not converted; a multi-line {@code ```} block is put on lines of
 *       its own so that it is a CommonMark fenced block;</li>
 *   <li>lines starting with {@code >} stay quotes ({@code >>>} quotes the rest of the message, as in Slack), and
 *       {@code •} bullets at line start become {@code - } list items. A blank line is inserted after a quote or
 *       list item that is followed by ordinary text, so that the text is not absorbed into it.</li>
 * </ul>
 * Single line breaks are kept as Markdown soft breaks.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlackMarkdown {

    /** Title used when a message has no text to take one from. */
    public static final String DEFAULT_TITLE = "Captured from chat";

    /** Maximum length of {@link #titleFrom(String)}, ellipsis included. */
    public static final int MAX_TITLE_LENGTH = 200;

    // Private-use characters mark the places where protected pieces (code, <...> tokens) are put back.
    private static final char TOKEN_START = '\uE000';
    private static final char TOKEN_END = '\uE001';
    private static final char QUOTE_REST = '\uE002';
    private static final Pattern TOKEN = Pattern.compile(TOKEN_START + "([0-9]+)" + TOKEN_END);
    private static final Pattern RESERVED_CHARS = Pattern.compile("[\uE000-\uE002]");

    private static final Pattern CODE = Pattern.compile("```([\\s\\S]*?)```|`([^`\\n]+)`");
    private static final Pattern ANGLE = Pattern.compile("<([^<>\\n]*)>");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,31}:.*", Pattern.DOTALL);

    private static final Pattern BOLD = emphasis('*');
    private static final Pattern ITALIC = emphasis('_');
    private static final Pattern STRIKE = emphasis('~');

    private static final Pattern BULLET = Pattern.compile("(?m)^([ \\t]*)•[ \\t]*");
    private static final Pattern QUOTE_ALL = Pattern.compile("^[ \\t]*(?:&gt;|>){3}[ \\t]?");
    private static final Pattern QUOTE_LINE = Pattern.compile("^[ \\t]*(?:&gt;|>)");
    private static final Pattern LIST_LINE = Pattern.compile("^[ \\t]*(?:•|[-*+][ \\t]|[0-9]{1,9}[.)][ \\t])");

    private static final DateTimeFormatter REPLY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SlackMarkdown() {
    }

    /**
     * Converts one Slack message text to CommonMark.
     *
     * @param mrkdwn Slack message text as delivered by the Slack API
     * @return CommonMark text
     * @throws IllegalArgumentException if {@code mrkdwn} is null
     */
    public static String toMarkdown(String mrkdwn) {
        if (mrkdwn == null) {
            throw new IllegalArgumentException("mrkdwn must not be null");
        }
        List<String> tokens = new ArrayList<>();
        String s = normalise(mrkdwn);
        s = protect(s, CODE, tokens, SlackMarkdown::code);
        s = protect(s, ANGLE, tokens, m -> angle(m.group(1)));
        s = lineRules(s);
        s = BOLD.matcher(s).replaceAll("**$1**");
        s = ITALIC.matcher(s).replaceAll("*$1*");
        s = STRIKE.matcher(s).replaceAll("~~$1~~");
        s = escapeMarkup(decodeEntities(s));
        s = restore(s, tokens);
        return quoteRest(s);
    }

    /**
     * Renders a captured thread as the Markdown body of a card: the root message, then (if there are replies)
     * a rule, a {@code **Replies**} line and each reply as {@code **user** · yyyy-MM-dd HH:mm UTC} followed by
     * its text as a blockquote, and finally an italic {@code _Captured from #channel: <permalink>_} line.
     *
     * @param root the message that started the thread
     * @param replies replies in display order; null is treated as none
     * @param channel channel name, with or without leading {@code #}; omitted from the footer when null or blank
     * @param permalink link to the thread; omitted from the footer when null or blank
     * @return CommonMark text ending with a newline
     * @throws IllegalArgumentException if {@code root} or a reply is null
     */
    public static String threadToMarkdown(
            ChatMessage root, List<ChatMessage> replies, String channel, String permalink) {
        if (root == null) {
            throw new IllegalArgumentException("root message must not be null");
        }
        List<String> blocks = new ArrayList<>();
        String rootText = trimBlankLines(toMarkdown(root.text()));
        if (!rootText.isEmpty()) {
            blocks.add(rootText);
        }
        if (replies != null && !replies.isEmpty()) {
            blocks.add("---");
            blocks.add("**Replies**");
            for (ChatMessage reply : replies) {
                if (reply == null) {
                    throw new IllegalArgumentException("replies must not contain null");
                }
                blocks.add("**" + escapeLiteral(reply.user()) + "** · " + REPLY_TIME.format(reply.instant()));
                blocks.add(quote(trimBlankLines(toMarkdown(reply.text()))));
            }
        }
        blocks.add(footer(channel, permalink));
        return String.join("\n\n", blocks) + "\n";
    }

    /**
     * Suggests a card title for a message: its first non-blank line as plain text (link labels kept, emphasis,
     * code and quote/bullet markers removed), whitespace collapsed, cut on a word boundary with "…" when longer
     * than {@value #MAX_TITLE_LENGTH} characters.
     *
     * @param mrkdwn Slack message text
     * @return the title, or {@value #DEFAULT_TITLE} when the message has no text
     * @throws IllegalArgumentException if {@code mrkdwn} is null
     */
    public static String titleFrom(String mrkdwn) {
        if (mrkdwn == null) {
            throw new IllegalArgumentException("mrkdwn must not be null");
        }
        List<String> tokens = new ArrayList<>();
        String s = normalise(mrkdwn);
        s = protect(s, ANGLE, tokens, m -> plainAngle(m.group(1)));
        s = BOLD.matcher(s).replaceAll("$1");
        s = ITALIC.matcher(s).replaceAll("$1");
        s = STRIKE.matcher(s).replaceAll("$1");
        s = s.replace("`", "");
        s = restore(decodeEntities(s), tokens);
        for (String line : s.split("\n")) {
            String text = line.replaceFirst("^[\\s>•]+", "").replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                return cut(text);
            }
        }
        return DEFAULT_TITLE;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Slack emphasis with delimiter {@code c}: opens before a non-space, closes after a non-space, stays on one
     * line and does not start or end inside a word (so {@code snake_case_name} and {@code 2*3*4} are left alone).
     */
    private static Pattern emphasis(char c) {
        String d = "\\" + c;
        return Pattern.compile("(?<![A-Za-z0-9\\\\" + d + "])" + d
                + "(?=[^\\s" + d + "])([^" + d + "\\n]*?[^\\s" + d + "])" + d
                + "(?![A-Za-z0-9" + d + "])");
    }

    private static String normalise(String text) {
        return RESERVED_CHARS.matcher(text.replace("\r\n", "\n")).replaceAll("");
    }

    /** Replaces every match by a numbered token whose final text is computed now and put back by restore. */
    private static String protect(String s, Pattern p, List<String> tokens, Function<Matcher, String> converter) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            tokens.add(converter.apply(m));
            m.appendReplacement(out, "");
            out.append(TOKEN_START).append(tokens.size() - 1).append(TOKEN_END);
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Puts the protected pieces back. A token may contain another one (a link label with inline code), hence
     * the loop.
     */
    private static String restore(String s, List<String> tokens) {
        String result = s;
        while (result.indexOf(TOKEN_START) >= 0) {
            Matcher m = TOKEN.matcher(result);
            StringBuilder out = new StringBuilder(result.length());
            while (m.find()) {
                String token = tokens.get(Integer.parseInt(m.group(1)));
                if (token.startsWith("\n```")) {
                    // A multi-line code block needs its fences on lines of their own.
                    if (m.start() == 0 || result.charAt(m.start() - 1) == '\n'
                            || result.charAt(m.start() - 1) == QUOTE_REST) {
                        token = token.substring(1);
                    }
                    if (m.end() < result.length() && result.charAt(m.end()) != '\n') {
                        token = token + "\n";
                    }
                }
                m.appendReplacement(out, Matcher.quoteReplacement(token));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    private static String code(Matcher m) {
        if (m.group(2) != null) {
            return "`" + decodeEntities(m.group(2)) + "`";
        }
        String content = decodeEntities(m.group(1));
        if (!content.contains("\n")) {
            return "```" + content + "```";
        }
        if (content.startsWith("\n")) {
            content = content.substring(1);
        }
        if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        return "\n```\n" + content + "\n```";
    }

    private static String angle(String inner) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : decodeEntities(inner.substring(bar + 1));
        boolean hasLabel = label != null && !label.isBlank();
        if (target.startsWith("@")) {
            return "@" + escapeLiteral(stripLeading(hasLabel ? label : target.substring(1), '@'));
        }
        if (target.startsWith("#")) {
            return "#" + escapeLiteral(stripLeading(hasLabel ? label : target.substring(1), '#'));
        }
        if (target.startsWith("!")) {
            return escapeLiteral(special(target.substring(1), label));
        }
        String url = decodeEntities(target);
        if (SCHEME.matcher(url).matches()) {
            if (label == null) {
                return isAutolinkable(url)
                        ? "<" + url + ">"
                        : "[" + escapeLiteral(url) + "](" + destination(url) + ")";
            }
            return "[" + escapeLiteral(label) + "](" + destination(url) + ")";
        }
        // Not a Slack control sequence: show it as typed.
        return escapeLiteral("<" + decodeEntities(inner) + ">");
    }

    private static String plainAngle(String inner) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : decodeEntities(inner.substring(bar + 1));
        boolean hasLabel = label != null && !label.isBlank();
        if (target.startsWith("@")) {
            return "@" + stripLeading(hasLabel ? label : target.substring(1), '@');
        }
        if (target.startsWith("#")) {
            return "#" + stripLeading(hasLabel ? label : target.substring(1), '#');
        }
        if (target.startsWith("!")) {
            return special(target.substring(1), label);
        }
        return hasLabel ? label : decodeEntities(target);
    }

    /**
     * Special mentions: {@code <!here>}, {@code <!channel>}, {@code <!everyone>}, {@code <!subteam^ID|@team>},
     * {@code <!date^...|fallback>}.
     */
    private static String special(String name, String label) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("here") || lower.equals("channel") || lower.equals("everyone")) {
            return "@" + lower;
        }
        if (label != null && !label.isBlank()) {
            return label;
        }
        int caret = name.indexOf('^');
        return "@" + (caret < 0 ? name : name.substring(caret + 1));
    }

    private static String stripLeading(String s, char c) {
        return !s.isEmpty() && s.charAt(0) == c ? s.substring(1) : s;
    }

    /** Line-level rules, applied while code and tokens are protected. */
    private static String lineRules(String s) {
        String[] lines = BULLET.matcher(s).replaceAll("$1- ").split("\n", -1);
        List<String> out = new ArrayList<>(lines.length + 4);
        boolean previousIsBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher all = QUOTE_ALL.matcher(line);
            if (all.find()) {
                // ">>>" quotes this line and everything after it.
                if (previousIsBlock) {
                    out.add("");
                }
                out.add(QUOTE_REST + line.substring(all.end()));
                for (int j = i + 1; j < lines.length; j++) {
                    out.add(lines[j]);
                }
                break;
            }
            boolean isBlock = QUOTE_LINE.matcher(line).find() || LIST_LINE.matcher(line).find();
            if (previousIsBlock && !isBlock && !line.isBlank() && !isIndented(line)) {
                out.add("");
            }
            out.add(line);
            previousIsBlock = isBlock;
        }
        return String.join("\n", out);
    }

    private static boolean isIndented(String line) {
        return line.startsWith(" ") || line.startsWith("\t");
    }

    /** Prefixes every line from the ">>>" marker on with "> ". */
    private static String quoteRest(String s) {
        int at = s.indexOf(QUOTE_REST);
        if (at < 0) {
            return s;
        }
        return s.substring(0, at) + quote(s.substring(at + 1));
    }

    private static String quote(String s) {
        String[] lines = s.split("\n", -1);
        StringBuilder out = new StringBuilder(s.length() + 2 * lines.length);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append("> ").append(lines[i]);
        }
        return out.toString();
    }

    private static String decodeEntities(String s) {
        return ENTITY.matcher(s).replaceAll(m -> switch (m.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            default -> ">";
        });
    }

    /**
     * Backslash-escapes the few decoded characters that CommonMark would otherwise read as markup: {@code <}
     * before a letter, {@code /}, {@code !} or {@code ?} (an HTML tag or autolink) and {@code &} starting an
     * entity reference.
     */
    private static String escapeMarkup(String s) {
        return s.replaceAll("<(?=[A-Za-z/!?])", "\\\\<").replaceAll("&(?=#?[A-Za-z0-9]+;)", "\\\\&");
    }

    /** Escapes text that must appear literally (labels, names), including emphasis and link brackets. */
    private static String escapeLiteral(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_~[]".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return escapeMarkup(out.toString());
    }

    private static boolean isAutolinkable(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }

    private static String destination(String url) {
        boolean plain = true;
        int depth = 0;
        for (int i = 0; i < url.length() && plain; i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '\\') {
                plain = false;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                plain = --depth >= 0;
            }
        }
        if (plain && depth == 0) {
            return url;
        }
        return "<" + url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>").replace("\n", " ") + ">";
    }

    private static String trimBlankLines(String s) {
        String[] lines = s.split("\n", -1);
        int start = 0;
        int end = lines.length;
        while (start < end && lines[start].isBlank()) {
            start++;
        }
        while (end > start && lines[end - 1].isBlank()) {
            end--;
        }
        return String.join("\n", Arrays.asList(lines).subList(start, end));
    }

    private static String footer(String channel, String permalink) {
        String where = channel == null || channel.isBlank()
                ? null
                : "#" + escapeLiteral(stripLeading(channel.strip(), '#'));
        String link = null;
        if (permalink != null && !permalink.isBlank()) {
            String url = permalink.strip();
            link = isAutolinkable(url) && SCHEME.matcher(url).matches() ? "<" + url + ">" : escapeLiteral(url);
        }
        String source;
        if (where != null && link != null) {
            source = where + ": " + link;
        } else if (where != null) {
            source = where;
        } else if (link != null) {
            source = link;
        } else {
            source = "chat";
        }
        return "_Captured from " + source + "_";
    }

    private static String cut(String text) {
        if (text.length() <= MAX_TITLE_LENGTH) {
            return text;
        }
        int limit = MAX_TITLE_LENGTH - 1; // room for the ellipsis
        String head = text.substring(0, limit);
        if (text.charAt(limit) != ' ') {
            int space = head.lastIndexOf(' ');
            if (space > 0) {
                head = head.substring(0, space);
            } else if (Character.isHighSurrogate(head.charAt(limit - 1))) {
                head = head.substring(0, limit - 1);
            }
        }
        return head.stripTrailing() + "…";
    }
}
