package dev.verity.platform.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Block Kit pieces both services build messages from. */
public final class SlackMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessages() {
    }

    /** A message only the person who asked sees. */
    public static ObjectNode ephemeral(String text) {
        return JSON.objectNode().put("response_type", "ephemeral").put("text", text);
    }

    /** A {@code section} block of mrkdwn text. */
    public static ObjectNode section(String mrkdwn) {
        ObjectNode block = JSON.objectNode().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return block;
    }

    /** A {@code plain_text} object. */
    public static ObjectNode plain(String text) {
        return JSON.objectNode().put("type", "plain_text").put("text", text).put("emoji", false);
    }

    /** Escapes {@code &}, {@code <} and {@code >}, as Slack's mrkdwn requires of any text that is not markup. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A link in mrkdwn: {@code <url|label>}, the label escaped (a {@code |} in it would end the URL part). */
    public static String link(String url, String label) {
        return "<" + url + "|" + escape(label).replace("|", "¦") + ">";
    }
}
