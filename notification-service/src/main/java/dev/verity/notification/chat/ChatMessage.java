package dev.verity.notification.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Slack-compatible incoming-webhook message in Block Kit: one section with the title (bold) and the reason, and a
 * button linking to the card; {@code text} repeats the title for notifications and clients that show no blocks.
 * Mattermost, Rocket.Chat and others accept the same shape.
 */
public final class ChatMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limit on a section's text. */
    static final int SECTION_LIMIT = 3000;

    private ChatMessage() {
    }

    public static String of(String title, String reason, String link) {
        ObjectNode message = JSON.createObjectNode();
        message.put("text", title);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        String text = "*" + escape(title) + "*\n" + escape(reason);
        section.putObject("text").put("type", "mrkdwn")
                .put("text", text.length() > SECTION_LIMIT ? text.substring(0, SECTION_LIMIT - 1) + "…" : text);
        ObjectNode button = section.putObject("accessory");
        button.put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", "Open card");
        button.put("url", link);
        button.put("action_id", "open-card");
        return message.toString();
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup: a title must not turn into a link. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
