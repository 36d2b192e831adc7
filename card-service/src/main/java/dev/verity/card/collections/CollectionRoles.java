package dev.verity.card.collections;

import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what in a collection. A person's role is the highest of the grants naming them directly, naming a
 * directory group they belong to, or naming a group their token carries; an org ADMIN is owner everywhere.
 * Someone with no role cannot tell a collection (or its cards) exists: they get 404, not 403.
 */
@ApplicationScoped
public class CollectionRoles {

    private final CollectionRepository collections;
    private final CurrentUser user;

    CollectionRoles(CollectionRepository collections, CurrentUser user) {
        this.collections = collections;
        this.user = user;
    }

    public boolean isAdmin() {
        return user.isAdmin();
    }

    /** The current user's role in the collection; empty when they have none (or it does not exist). */
    public Optional<Role> roleIn(UUID collectionId) {
        return roleOf(collectionId, user.id(), user.groups(), user.isAdmin());
    }

    /**
     * Someone's role in the collection, from their id, the groups their token carried and whether they are an org
     * admin: for work done later on their behalf (an import job re-checks its submitter before every batch).
     */
    public Optional<Role> roleOf(UUID collectionId, String userId, java.util.Collection<String> tokenGroups,
            boolean admin) {
        if (admin) {
            return collections.findById(collectionId) == null ? Optional.empty() : Optional.of(Role.COLLECTION_OWNER);
        }
        return collections.rolesOf(collectionId, userId, tokenGroups).stream().max(Enum::compareTo);
    }

    /**
     * The current user's role, at least {@code needed}: 404 naming {@code what} when they hold no role at all,
     * 403 saying which role is missing when they hold a lesser one.
     */
    public Role require(UUID collectionId, Role needed, String what) {
        Role role = roleIn(collectionId).orElseThrow(() -> new ProblemException(404, "not-found", "Not found",
                what + " does not exist"));
        if (!role.includes(needed)) {
            throw ProblemException.forbidden("you are " + role + " in collection " + collectionId + "; this needs "
                    + needed + " (or an ADMIN)").with("requiredRole", needed.name()).with("yourRole", role.name());
        }
        return role;
    }

    /**
     * Whether a directory user (not necessarily the current one) holds any role in the collection through a
     * direct grant or a directory group. Token-only groups cannot be known for someone else.
     */
    public boolean directoryUserCanSee(UUID collectionId, String userId) {
        return collections.grantsDirectoryUser(collectionId, userId);
    }

    /** The collections the current user may see, for queries across collections. */
    public Visibility visibility() {
        return user.isAdmin() ? Visibility.everything() : Visibility.of(user.id(), user.groups());
    }

    public String userId() {
        return user.id();
    }

    /** The directory groups the current user's token carries (as mapped from the identity provider). */
    public Set<String> tokenGroups() {
        return user.groups();
    }
}
