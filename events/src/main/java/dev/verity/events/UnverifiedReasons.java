package dev.verity.events;

import java.util.Set;

/** Why a card is UNVERIFIED: the values of {@link VerificationEvent#reason()}. */
public final class UnverifiedReasons {

    /** A new card its verifier has not vouched for yet (it was written by someone else). */
    public static final String NEW = "NEW";
    /** Its due date passed. */
    public static final String EXPIRED = "EXPIRED";
    /** A reader flagged it as wrong or doubtful. */
    public static final String FLAGGED = "FLAGGED";
    /** Someone other than the verifier (or a member of the verifier group) edited it. */
    public static final String EDITED_BY_NON_VERIFIER = "EDITED_BY_NON_VERIFIER";
    /** It has a new verifier, who has not vouched for it yet. */
    public static final String VERIFIER_CHANGED = "VERIFIER_CHANGED";
    /** Its verifier can no longer read it; the collection's owners took it over. */
    public static final String VERIFIER_LOST_ACCESS = "VERIFIER_LOST_ACCESS";

    public static final Set<String> ALL = Set.of(NEW, EXPIRED, FLAGGED, EDITED_BY_NON_VERIFIER, VERIFIER_CHANGED,
            VERIFIER_LOST_ACCESS);

    private UnverifiedReasons() {
    }
}
