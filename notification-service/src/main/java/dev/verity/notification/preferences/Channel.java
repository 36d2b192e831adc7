package dev.verity.notification.preferences;

/** Where a notification reaches its recipient. */
public enum Channel {
    /** The in-app inbox (and its live stream). */
    INBOX,
    /** An email to the address the directory holds for the user. */
    EMAIL,
    /** A message to the user's Slack-compatible incoming webhook ({@code PUT /preferences/chat}). */
    CHAT
}
