package dev.verity.notification.domain;

/** Why a user was notified; clients may pick an icon or a link by it. */
public enum NotificationType {
    /** The user became the verifier of a card (it was created with them as verifier, or reassigned to them). */
    VERIFICATION_ASSIGNED,
    /** Someone @mentioned the user in a comment on a card (a new comment, or an edit that added the mention). */
    MENTIONED
}
