package dev.verity.card.collections;

import dev.verity.card.directory.PrincipalType;
import dev.verity.platform.http.PageCursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queries on collections and their access lists ({@code collection_access}). */
@ApplicationScoped
public class CollectionRepository implements PanacheRepositoryBase<Collection, UUID> {

    /** Collections {@code visibility} lets one see, oldest first, one page after {@code after}. */
    public List<Collection> visible(Visibility visibility, PageCursor after, int limit) {
        String sql = "SELECT c.id FROM collection c WHERE 1 = 1" + visibility.restrict("c.id")
                + (after == null ? "" : " AND (c.created_at, c.id) > (:afterAt, :afterId)")
                + " ORDER BY c.created_at, c.id LIMIT :limit";
        Query query = getEntityManager().createNativeQuery(sql, UUID.class).setParameter("limit", limit);
        visibility.bind(query);
        if (after != null) {
            query.setParameter("afterAt", after.at()).setParameter("afterId", after.id());
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        Map<UUID, Collection> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            list("from Collection where id in ?1", ids).forEach(c -> byId.put(c.id, c));
        }
        return ids.stream().map(byId::get).toList();
    }

    /** Whether another collection that {@code visibility} lets one see has this name, ignoring case. */
    public boolean nameTaken(String name, UUID self, Visibility visibility) {
        Query query = getEntityManager().createNativeQuery("SELECT count(*) FROM collection c"
                        + " WHERE lower(c.name) = lower(:name) AND c.id <> :id" + visibility.restrict("c.id"))
                .setParameter("name", name).setParameter("id", self);
        visibility.bind(query);
        return ((Number) query.getSingleResult()).longValue() > 0;
    }

    /** Cards in the collection, archived ones included: a question about the rows that name it, asked here. */
    public long countCards(UUID collectionId) {
        return ((Number) getEntityManager().createNativeQuery("SELECT count(*) FROM card WHERE collection_id = :id")
                .setParameter("id", collectionId).getSingleResult()).longValue();
    }

    /** Collections with a grant naming the principal, locked for update. */
    public List<Collection> grantingLocked(PrincipalType type, String principalId) {
        return getEntityManager().createQuery("select distinct c from Collection c join c.access a"
                        + " where a.principalType = :type and a.principalId = :id", Collection.class)
                .setParameter("type", type).setParameter("id", principalId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /**
     * The roles the collection's grants give a user: directly, through a directory group they belong to, or through
     * one of {@code groups} (those their token carries).
     */
    public List<Role> rolesOf(UUID collectionId, String userId, java.util.Collection<String> groups) {
        List<String> principals = new ArrayList<>(groups);
        if (principals.isEmpty()) {
            principals.add(""); // IN () is not SQL; no principal id is empty
        }
        @SuppressWarnings("unchecked")
        List<String> roles = getEntityManager().createNativeQuery("""
                SELECT a.role FROM collection_access a
                 WHERE a.collection_id = :collection
                   AND ((a.principal_type = 'USER' AND a.principal_id = :accessUser)
                     OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:accessGroups)
                         OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :accessUser))))""")
                .setParameter("collection", collectionId).setParameter("accessUser", userId)
                .setParameter("accessGroups", principals).getResultList();
        return roles.stream().map(Role::valueOf).toList();
    }

    /** Whether a grant names the directory user, directly or through a directory group they belong to. */
    public boolean grantsDirectoryUser(UUID collectionId, String userId) {
        Number count = (Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM collection_access a
                 WHERE a.collection_id = :collection
                   AND ((a.principal_type = 'USER' AND a.principal_id = :user)
                     OR (a.principal_type = 'GROUP'
                         AND a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :user)))""")
                .setParameter("collection", collectionId).setParameter("user", userId).getSingleResult();
        return count.longValue() > 0;
    }
}
