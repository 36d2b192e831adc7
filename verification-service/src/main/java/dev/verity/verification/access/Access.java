package dev.verity.verification.access;

import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.verification.access.Role;
import dev.verity.verification.verifications.VerificationRecord;
import dev.verity.verification.access.AccessRepository;
import dev.verity.verification.access.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's rights, from their role in a card's collection (as card-service's events describe it). Someone with no
 * role cannot tell a card exists: 404, like card-service; a lesser role is 403 naming the one needed.
 */
@ApplicationScoped
public class Access {

    private final CurrentUser user;
    private final AccessRepository access;

    Access(CurrentUser user, AccessRepository access) {
        this.user = user;
        this.access = access;
    }

    public Viewer viewer() {
        return new Viewer(user.id(), user.groups(), user.isAdmin());
    }

    public String userId() {
        return user.id();
    }

    /** The caller's role in the card's collection, or 404 (as if the card did not exist) when they hold none. */
    public Role requireReader(VerificationRecord record) {
        return access.roleOf(record.collectionId, viewer()).orElseThrow(() -> notFound(record.cardId));
    }

    /** At least {@code needed} in the card's collection: 404 with no role, 403 with a lesser one. */
    public Role require(VerificationRecord record, Role needed, String action) {
        Role role = requireReader(record);
        requireAtLeast(role, needed, record.collectionId, action);
        return role;
    }

    /** At least {@code needed} in the collection: 404 when the caller holds no role (or it is unknown), else 403. */
    public Role requireInCollection(UUID collectionId, Role needed, String action) {
        Role role = access.roleOf(collectionId, viewer()).orElseThrow(
                () -> ProblemException.notFound("collection", collectionId));
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

    public static ProblemException notFound(UUID cardId) {
        return ProblemException.notFound("card", cardId);
    }
}
