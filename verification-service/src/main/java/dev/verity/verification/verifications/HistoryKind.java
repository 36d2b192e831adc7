package dev.verity.verification.verifications;

/** What one entry of a card's verification history records. */
public enum HistoryKind {
    /** The card appeared (its first event). */
    CREATED,
    /** Vouched for: by the verify action, or by the verifier's own edit. */
    VERIFIED,
    /** A reader flagged it. */
    FLAGGED,
    /** It turned unverified by an edit, a new verifier or a verifier who lost access ({@code reason} says which). */
    UNVERIFIED,
    /** Its due date passed. */
    EXPIRED,
    /** A reader asked for verification. */
    REQUESTED,
    /** Verifier or schedule changed. */
    POLICY_CHANGED,
    /** It moved to another collection. */
    MOVED,
    ARCHIVED,
    RESTORED,
    DELETED
}
