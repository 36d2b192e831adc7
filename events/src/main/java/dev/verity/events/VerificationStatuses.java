package dev.verity.events;

/** The values of {@link VerificationEvent#status()}. */
public final class VerificationStatuses {

    /** A verifier's last vouching stands and is not due yet. */
    public static final String VERIFIED = "VERIFIED";
    /** Nobody currently vouches for the card; {@link UnverifiedReasons} says why. */
    public static final String UNVERIFIED = "UNVERIFIED";

    private VerificationStatuses() {
    }
}
