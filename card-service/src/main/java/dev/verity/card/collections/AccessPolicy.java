package dev.verity.card.collections;

import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what in a collection. A person's role is the highest of the grants naming them directly, naming a
 * directory group they belong to, or naming a group their token carries; an org ADMIN is owner everywhere.
 * Someone with no role cannot tell a collection (or its cards) exists: they get 404, not 403.
 */
@ApplicationScoped
public class AccessPolicy {

    /**
     * Collections the current user holds any role in, as a SQL condition on a {@code collection_id} column; binds
     * {@code :accessUser} and {@code :accessGroups} (see {@link #bind}).
     */
    public static final String VISIBLE_COLLECTIONS = """
            (SELECT a.collection_id FROM collection_access a
              WHERE (a.principal_type = 'USER' AND a.principal_id = :accessUser)
                 OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:accessGroups)
                     OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :accessUser))))""";

    private final EntityManager em;
    private final CurrentUser user;

    AccessPolicy(EntityManager em, CurrentUser user) {
        this.em = em;
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
            return em.find(Collection.class, collectionId) == null ? Optional.empty() : Optional.of(Role.COLLECTION_OWNER);
        }
        List<String> groups = new ArrayList<>(tokenGroups);
        if (groups.isEmpty()) {
            groups.add(""); // IN () is not SQL; no principal id is empty
        }
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("""
                SELECT a.role FROM collection_access a
                 WHERE a.collection_id = :collection
                   AND ((a.principal_type = 'USER' AND a.principal_id = :accessUser)
                     OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:accessGroups)
                         OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :accessUser))))""")
                .setParameter("collection", collectionId).setParameter("accessUser", userId)
                .setParameter("accessGroups", groups).getResultList();
        return roles.stream().map(Role::valueOf).max(Enum::compareTo);
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
        Number count = (Number) em.createNativeQuery("""
                SELECT count(*) FROM collection_access a
                 WHERE a.collection_id = :collection
                   AND ((a.principal_type = 'USER' AND a.principal_id = :user)
                     OR (a.principal_type = 'GROUP'
                         AND a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :user)))""")
                .setParameter("collection", collectionId).setParameter("user", userId).getSingleResult();
        return count.longValue() > 0;
    }

    /** Binds the parameters of {@link #VISIBLE_COLLECTIONS}. */
    public void bind(jakarta.persistence.Query query) {
        List<String> groups = new ArrayList<>(user.groups());
        if (groups.isEmpty()) {
            groups.add(""); // IN () is not SQL; no principal id is empty
        }
        query.setParameter("accessUser", user.id()).setParameter("accessGroups", groups);
    }

    public String userId() {
        return user.id();
    }

    /** The directory groups the current user's token carries (as mapped from the identity provider). */
    public java.util.Set<String> tokenGroups() {
        return user.groups();
    }
}
