package dev.verity.verification.domain;

/** Whether a card's content is currently vouched for. Cards start VERIFIED; expiry and flags (later) unverify them. */
public enum VerificationStatus {
    VERIFIED, UNVERIFIED
}
