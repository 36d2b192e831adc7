package dev.verity.notification.preferences;

/** How a channel carries one type of notification. */
public enum Mode {
    /** As soon as the event is applied. */
    IMMEDIATE,
    /** In the daily digest email at the user's hour (email only; not for the inbox or chat). */
    DIGEST,
    /** Not at all. */
    OFF
}
