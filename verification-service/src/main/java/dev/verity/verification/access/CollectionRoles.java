package dev.verity.verification.access;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.ReadScope;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the caller may do, from their role in a card's collection as platform's {@link CollectionAccess} holds it
 * (learnt from card-service's events). Someone with no role cannot tell a card exists: 404, like card-service; a
 * lesser role is 403 naming the one needed. An org admin is owner everywhere.
 */
@ApplicationScoped
public class CollectionRoles {

    private final CurrentUser user;
    private final CollectionAccess access;

    CollectionRoles(CurrentUser user, CollectionAccess access) {
        this.user = user;
        this.access = access;
    }

    public String userId() {
        return user.id();
    }

    /** The collections the caller may read: every query across cards filters on it. */
    public ReadScope readScope() {
        return access.readScope(Viewer.of(user));
    }

    /** The caller's highest role in the collection; empty when they hold none or it is unknown or deleted. */
    public Optional<Role> roleIn(UUID collectionId) {
        if (collectionId == null || !access.exists(collectionId)) {
            return Optional.empty();
        }
        if (user.isAdmin()) {
            return Optional.of(Role.COLLECTION_OWNER);
        }
        return access.rolesIn(collectionId, Viewer.of(user)).stream().map(Role::valueOf).max(Enum::compareTo);
    }

    /** The caller's role in the card's collection, or 404 (as if the card did not exist) when they hold none. */
    public Role requireReader(UUID cardId, UUID collectionId) {
        return roleIn(collectionId).orElseThrow(() -> notFound(cardId));
    }

    /** At least {@code needed} in the card's collection: 404 with no role, 403 with a lesser one. */
    public Role require(UUID cardId, UUID collectionId, Role needed, String action) {
        Role role = requireReader(cardId, collectionId);
        requireAtLeast(role, needed, collectionId, action);
        return role;
    }

    /** At least {@code needed} in the collection: 404 when the caller holds no role (or it is unknown), else 403. */
    public Role requireInCollection(UUID collectionId, Role needed, String action) {
        Role role = roleIn(collectionId).orElseThrow(() -> ProblemException.notFound("collection", collectionId));
        requireAtLeast(role, needed, collectionId, action);
        return role;
    }

    private static void requireAtLeast(Role role, Role needed, UUID collectionId, String action) {
        if (!role.includes(needed)) {
            throw ProblemException.forbidden("you are " + role + " in collection " + collectionId + "; to " + action
                    + " you need " + needed).with("requiredRole", needed.name()).with("yourRole", role.name());
        }
    }

    /** Whether the caller is the verifier, or a member of the verifier group (by their token or the directory). */
    public boolean callerVerifies(String verifierId) {
        return user.id().equals(verifierId) || user.groups().contains(verifierId)
                || access.isMember(user.id(), verifierId);
    }

    /** The ids whose cards the caller must verify: themselves and every group they belong to. */
    public Set<String> verifierIdsOfCaller() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(user.id());
        ids.addAll(user.groups());
        ids.addAll(access.groupsOf(user.id()));
        return ids;
    }

    /** Whether a user or group (a verifier being named or checked, not the caller) can read the collection. */
    public boolean canRead(UUID collectionId, String principalId) {
        return collectionId != null && access.canRead(collectionId, principalId);
    }

    public static ProblemException notFound(UUID cardId) {
        return ProblemException.notFound("card", cardId);
    }
}
