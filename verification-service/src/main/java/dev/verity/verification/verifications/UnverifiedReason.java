package dev.verity.verification.verifications;

import dev.verity.events.UnverifiedReasons;

/** Why a card is UNVERIFIED; the names are the published {@link UnverifiedReasons} values. */
public enum UnverifiedReason {
    NEW, EXPIRED, FLAGGED, EDITED_BY_NON_VERIFIER, VERIFIER_CHANGED, VERIFIER_LOST_ACCESS
}
