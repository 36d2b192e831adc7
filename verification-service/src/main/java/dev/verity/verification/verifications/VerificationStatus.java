package dev.verity.verification.verifications;

/** Whether a card's content is currently vouched for; the names are the published {@code VerificationStatuses}. */
public enum VerificationStatus {
    VERIFIED, UNVERIFIED
}
