package dev.verity.card.directory;


/**
 * A directory user or group was removed (fired synchronously, inside the removing transaction): whatever names it,
 * such as collection grants, goes with it, so a principal created later under the same id starts with nothing.
 */
public record PrincipalRemoved(PrincipalType type, String id, String actor) {
}
