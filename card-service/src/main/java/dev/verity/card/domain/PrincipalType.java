package dev.verity.card.domain;

/** Who an access grant or a verifier refers to. */
public enum PrincipalType {
    USER, GROUP
}
