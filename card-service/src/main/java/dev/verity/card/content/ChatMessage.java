package dev.verity.card.content;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chat message as captured from Slack, the raw material of a card created from a thread.
 *
 * <p>The timestamp is validated when the message is built so that a bad export fails early, with a message
 * that names the offending value, rather than later while rendering.
 *
 * @param user display name or id of the author, as it should appear in the card
 * @param text message text in Slack "mrkdwn"
 * @param ts Slack message timestamp: epoch seconds with an optional fraction, e.g. {@code "1700000000.123456"}
 */
public record ChatMessage(String user, String text, String ts) {

    private static final Pattern TS = Pattern.compile("([0-9]{1,12})(?:\\.([0-9]{1,9}))?");

    /**
     * @throws IllegalArgumentException if {@code user} or {@code text} is null, or {@code ts} is not a Slack
     *     timestamp
     */
    public ChatMessage {
        if (user == null) {
            throw new IllegalArgumentException("chat message user must not be null");
        }
        if (text == null) {
            throw new IllegalArgumentException("chat message text must not be null");
        }
        parseTs(ts);
    }

    /** The moment the message was posted. */
    public Instant instant() {
        return parseTs(ts);
    }

    private static Instant parseTs(String ts) {
        if (ts == null) {
            throw new IllegalArgumentException("Slack timestamp must not be null");
        }
        Matcher m = TS.matcher(ts);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid Slack timestamp '" + ts
                    + "': expected epoch seconds with an optional fraction, like \"1700000000.123456\"");
        }
        long seconds = Long.parseLong(m.group(1));
        long nanos = m.group(2) == null ? 0 : new BigDecimal("0." + m.group(2)).movePointRight(9).longValue();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid Slack timestamp '" + ts + "': out of range", e);
        }
    }
}
