package dev.verity.card.directory;

/** Who an access grant or a verifier refers to. */
public enum PrincipalType {
    USER, GROUP
}
