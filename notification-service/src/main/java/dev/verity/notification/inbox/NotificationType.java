package dev.verity.notification.inbox;

/** Why a user was notified; clients may pick an icon or a link by it, and users set preferences per type. */
public enum NotificationType {
    /** The user became the verifier of a card (it was created with them as verifier, or reassigned to them). */
    VERIFICATION_ASSIGNED,
    /** Someone @mentioned the user in a comment on a card (a new comment, or an edit that added the mention). */
    MENTIONED,
    /** A card the user verifies (or a group of theirs verifies) is past its due date ({@code verification.expired}). */
    VERIFICATION_EXPIRED,
    /** A card the user verifies falls due soon ({@code verification.due-soon}). */
    VERIFICATION_DUE_SOON,
    /**
     * A card the user verifies turned unverified for a reason other than expiry: flagged, edited by someone else,
     * or handed to them because its verifier lost access ({@code verification.unverified}).
     */
    CARD_UNVERIFIED,
    /** A reader asked the user to re-check a card they verify ({@code verification.requested}). */
    VERIFICATION_REQUESTED,
    /** A card the user follows changed: edited, moved, archived, restored or deleted. */
    CARD_UPDATED,
    /** Someone commented on a card the user owns. */
    COMMENTED,
    /** A card was announced to the user (or a group of theirs), or re-announced after an edit: read it, "Got it". */
    ANNOUNCED,
    /** The author of an announcement the user has not acknowledged reminds them of it. */
    ANNOUNCEMENT_REMINDER,
    /** A webhook subscription the user owns was switched off; about no card ({@code cardId} null). */
    WEBHOOK_DISABLED,
    /**
     * A card the user owns or verifies, or of a collection they own, will be archived soon because nobody viewed or
     * edited it for the collection's auto-archive days ({@code usage.archive-scheduled}); a view or an edit keeps it.
     */
    CARD_ARCHIVE_SCHEDULED
}
