package dev.verity.verification.access;

import dev.verity.verification.collections.KnownCollection;
import dev.verity.verification.access.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Collections, their access lists and the directory's groups, as learnt from card-service's events: who holds which
 * role where, and who belongs to which group.
 */
@ApplicationScoped
public class AccessRepository {

    /** One grant of an access list, in card-service's order. */
    public record Grant(String principalType, String principalId, String role) {
    }

    private final EntityManager em;

    AccessRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<KnownCollection> collection(UUID id) {
        return Optional.ofNullable(em.find(KnownCollection.class, id)).filter(c -> !c.deleted);
    }

    public KnownCollection collectionForUpdate(UUID id) {
        return em.find(KnownCollection.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public void persist(KnownCollection collection) {
        em.persist(collection);
    }

    /** The viewer's highest role in the collection; empty when they hold none or it is unknown or deleted. */
    public Optional<Role> roleOf(UUID collectionId, Viewer viewer) {
        if (collectionId == null || collection(collectionId).isEmpty()) {
            return Optional.empty();
        }
        if (viewer.admin()) {
            return Optional.of(Role.COLLECTION_OWNER);
        }
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("""
                SELECT a.role FROM collection_access a
                 WHERE a.collection_id = :collection
                   AND ((a.principal_type = 'USER' AND a.principal_id = :viewer)
                     OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:viewerGroups)
                         OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :viewer))))""")
                .setParameter("collection", collectionId).setParameter("viewer", viewer.userId())
                .setParameter("viewerGroups", viewer.groupsForSql()).getResultList();
        return roles.stream().map(Role::valueOf).max(Enum::compareTo);
    }

    /**
     * Whether a user or group (not the caller: a verifier being named or checked) can read the collection: a grant
     * names it, or, for a user, a directory group they belong to; a principal the directory removed reads nothing.
     */
    public boolean principalCanRead(UUID collectionId, String principalId) {
        Number count = (Number) em.createNativeQuery("SELECT count(*) FROM collection_access a WHERE "
                + "a.collection_id = :collection AND " + principalReads("a", ":principal"))
                .setParameter("collection", collectionId).setParameter("principal", principalId).getSingleResult();
        return count.longValue() > 0;
    }

    /**
     * SQL: grant row {@code grant} lets {@code principal} (a user or group id: ids are unique across both) read,
     * unless the directory removed that principal.
     */
    public static String principalReads(String grant, String principal) {
        return "(" + grant + ".principal_id = " + principal + " OR (" + grant + ".principal_type = 'GROUP' AND "
                + grant + ".principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = " + principal
                + "))) AND NOT EXISTS (SELECT 1 FROM directory_principal p WHERE p.principal_id = " + principal
                + " AND p.removed)";
    }

    /** The first collection owner in card-service's order who can still read it: takes over orphaned cards. */
    public Optional<String> firstOwner(UUID collectionId) {
        @SuppressWarnings("unchecked")
        List<String> owners = em.createNativeQuery("""
                SELECT a.principal_id FROM collection_access a
                 WHERE a.collection_id = :collection AND a.role = 'COLLECTION_OWNER'
                   AND NOT EXISTS (SELECT 1 FROM directory_principal p WHERE p.principal_id = a.principal_id AND p.removed)
                 ORDER BY a.position LIMIT 1""")
                .setParameter("collection", collectionId).getResultList();
        return owners.stream().findFirst();
    }

    public void replaceGrants(UUID collectionId, List<Grant> grants) {
        em.createNativeQuery("DELETE FROM collection_access WHERE collection_id = :collection")
                .setParameter("collection", collectionId).executeUpdate();
        int position = 0;
        for (Grant grant : grants) {
            em.createNativeQuery("""
                    INSERT INTO collection_access (collection_id, position, principal_type, principal_id, role)
                    VALUES (:collection, :position, :type, :principal, :role)
                    ON CONFLICT (collection_id, principal_type, principal_id) DO NOTHING""")
                    .setParameter("collection", collectionId).setParameter("position", position++)
                    .setParameter("type", grant.principalType()).setParameter("principal", grant.principalId())
                    .setParameter("role", grant.role()).executeUpdate();
        }
    }

    /** Whether the user belongs to the directory group (as the directory events last said). */
    public boolean isMember(String userId, String groupId) {
        Number count = (Number) em.createNativeQuery(
                "SELECT count(*) FROM group_member WHERE group_id = :group AND user_id = :user")
                .setParameter("group", groupId).setParameter("user", userId).getSingleResult();
        return count.longValue() > 0;
    }

    @SuppressWarnings("unchecked")
    public List<String> membersOf(String groupId) {
        return em.createNativeQuery("SELECT user_id FROM group_member WHERE group_id = :group")
                .setParameter("group", groupId).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> groupsOf(String userId) {
        return em.createNativeQuery("SELECT group_id FROM group_member WHERE user_id = :user")
                .setParameter("user", userId).getResultList();
    }

    public void replaceMembers(String groupId, List<String> members) {
        em.createNativeQuery("DELETE FROM group_member WHERE group_id = :group")
                .setParameter("group", groupId).executeUpdate();
        for (String member : members.stream().distinct().toList()) {
            em.createNativeQuery("INSERT INTO group_member (group_id, user_id) VALUES (:group, :user)")
                    .setParameter("group", groupId).setParameter("user", member).executeUpdate();
        }
    }

    public void removeMemberships(String userId) {
        em.createNativeQuery("DELETE FROM group_member WHERE user_id = :user")
                .setParameter("user", userId).executeUpdate();
    }

    /** The directory version applied for a principal, locked so two instances apply one principal in turn. */
    public OptionalLong principalVersion(String type, String id) {
        @SuppressWarnings("unchecked")
        List<Number> versions = em.createNativeQuery("""
                SELECT version FROM directory_principal WHERE principal_type = :type AND principal_id = :id
                FOR UPDATE""").setParameter("type", type).setParameter("id", id).getResultList();
        return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(0).longValue());
    }

    public void savePrincipal(String type, String id, long version, boolean removed) {
        em.createNativeQuery("""
                INSERT INTO directory_principal (principal_type, principal_id, version, removed)
                VALUES (:type, :id, :version, :removed)
                ON CONFLICT (principal_type, principal_id) DO UPDATE SET version = :version, removed = :removed""")
                .setParameter("type", type).setParameter("id", id).setParameter("version", version)
                .setParameter("removed", removed).executeUpdate();
    }
}
