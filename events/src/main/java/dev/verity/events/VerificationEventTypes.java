package dev.verity.events;

import java.util.Set;

/**
 * CloudEvents {@code type} values on {@link Topics#VERIFICATIONS}; every one carries a {@link VerificationEvent}.
 * Published by verification-service.
 */
public final class VerificationEventTypes {

    /**
     * A card is new to verification: the state it starts in, once per card. VERIFIED (with {@code verifiedAt}, its
     * creation) when its author is its verifier or in the verifier group, else UNVERIFIED (NEW). Tells nobody; read
     * models (search's trust badge and ranking, integrations) start from it instead of "unknown".
     */
    public static final String STARTED = "dev.verity.verification.started";
    /** The verifier (or a member of the verifier group) vouched for the card, or saved an edit of it. */
    public static final String VERIFIED = "dev.verity.verification.verified";
    /**
     * The card turned UNVERIFIED for a reason other than expiry: flagged by a reader, edited by someone other than
     * the verifier, given a new verifier, or its verifier lost access. {@code reason} says which.
     */
    public static final String UNVERIFIED = "dev.verity.verification.unverified";
    /** The card's due date passed (the design's CardExpired): exactly one per due period. */
    public static final String EXPIRED = "dev.verity.verification.expired";
    /** The card falls due soon (a configurable lead before {@code dueAt}): at most one per due period. */
    public static final String DUE_SOON = "dev.verity.verification.due-soon";
    /** A reader asked the verifier to re-check the card. */
    public static final String REQUESTED = "dev.verity.verification.requested";
    /** Verifier or schedule changed. */
    public static final String POLICY_CHANGED = "dev.verity.verification.policy-changed";

    public static final Set<String> ALL = Set.of(STARTED, VERIFIED, UNVERIFIED, EXPIRED, DUE_SOON, REQUESTED, POLICY_CHANGED);

    private VerificationEventTypes() {
    }
}
