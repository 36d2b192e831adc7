package dev.verity.verification.verifications;

/**
 * Whether a card is in the verification queue. An archived card keeps its record (history, verifier, last
 * verification) but is never due: it is left out of listings and reminders until it is restored.
 */
public enum RecordState {
    /** The card is live (draft or published): it is due on {@code nextDueAt}. */
    ACTIVE,
    /** The card is archived: nothing is due until a restore brings it back. */
    ARCHIVED
}
