package dev.verity.platform.access;

import dev.verity.events.CollectionEvent;
import dev.verity.events.DirectoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Who may read which collection, kept from card-service's collection and directory events (tables of
 * {@code db/access}). A person reads a collection when one of its grants names them, a directory group they belong
 * to, or a group their token carries, unless the directory removed that user or group; an org admin reads all.
 *
 * <p>Each change applies only when its version is newer than the one held (one atomic upsert, so two instances
 * applying the same principal or collection cannot interleave), which makes the model proof against redelivery and
 * reordering on its own.
 */
@ApplicationScoped
public class CollectionAccess {

    private static final Logger LOG = Logger.getLogger(CollectionAccess.class);

    /**
     * The grants naming the viewer (parameter 1) or a group of theirs (2: token groups), of collections that exist,
     * unless the directory removed the viewer or the group: the first {@code %s} is what to select, the second a
     * further condition.
     */
    private static final String GRANTS_OF_VIEWER = """
            WITH viewer AS (SELECT CAST(? AS varchar) AS id, CAST(? AS varchar[]) AS groups)
            SELECT %s FROM access_grant g
              JOIN access_collection c ON c.id = g.collection_id AND NOT c.deleted
             CROSS JOIN viewer v
             WHERE ((g.principal_type = 'USER' AND g.principal_id = v.id)
                 OR (g.principal_type = 'GROUP' AND (g.principal_id = ANY (v.groups)
                     OR g.principal_id IN (SELECT m.group_id FROM access_member m WHERE m.user_id = v.id))))
               AND NOT EXISTS (SELECT 1 FROM access_principal p WHERE p.removed
                     AND ((p.principal_type = g.principal_type AND p.principal_id = g.principal_id)
                       OR (p.principal_type = 'USER' AND p.principal_id = v.id)))%s""";

    private static final String READABLE_BY_VIEWER = GRANTS_OF_VIEWER.formatted("DISTINCT g.collection_id", "");

    private static final String ROLES_OF_VIEWER = GRANTS_OF_VIEWER.formatted("g.role", " AND g.collection_id = ?");

    private final EntityManager em;
    private final DataSource dataSource;
    private final Clock clock;

    CollectionAccess(EntityManager em, DataSource dataSource, Clock clock) {
        this.em = em;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * The collections the viewer may read: one indexed query, which every search, suggestion and similar-card look-up
     * runs first. So it is a plain JDBC read on a pooled connection, not a JTA transaction around a Hibernate native
     * query: a profile of a query instance under load (bench search-load) put that machinery, with the search-log
     * insert, at a quarter of the service's own CPU. Called inside a transaction, the pool hands out that
     * transaction's connection.
     */
    public ReadScope readScope(Viewer viewer) {
        if (viewer.admin()) {
            return ReadScope.everything();
        }
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(READABLE_BY_VIEWER)) {
            query.setString(1, viewer.userId());
            query.setArray(2, connection.createArrayOf("varchar", viewer.tokenGroups().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the collections " + viewer.userId() + " may read", e);
        }
        return ReadScope.only(ids);
    }

    /** Whether any event of the collection has been applied here (a deleted one included). */
    public boolean knows(UUID collectionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM access_collection WHERE id = ?")) {
            query.setObject(1, collectionId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read whether collection " + collectionId + " is known", e);
        }
    }

    /**
     * The roles the viewer's grants give them in the collection (directly or through a group), none when it is
     * unknown or deleted. An org admin's standing is not a grant: the caller decides what it implies.
     */
    public List<String> rolesIn(UUID collectionId, Viewer viewer) {
        List<String> roles = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(ROLES_OF_VIEWER)) {
            query.setString(1, viewer.userId());
            query.setArray(2, connection.createArrayOf("varchar", viewer.tokenGroups().toArray()));
            query.setObject(3, collectionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + viewer.userId() + "'s roles in " + collectionId, e);
        }
        return roles;
    }

    /** Whether the collection is known here and not deleted. */
    public boolean exists(UUID collectionId) {
        return collectionId != null && !em.createNativeQuery(
                "SELECT 1 FROM access_collection WHERE id = :id AND NOT deleted")
                .setParameter("id", collectionId).getResultList().isEmpty();
    }

    /**
     * Whether a user or group named by someone else (a verifier, a recipient: not the caller, whose token groups
     * count too, see {@link #readScope}) can read the collection.
     */
    public boolean canRead(UUID collectionId, String principalId) {
        return !em.createNativeQuery("SELECT 1 WHERE " + readableBy(":collection", ":principal"))
                .setParameter("collection", collectionId).setParameter("principal", principalId)
                .getResultList().isEmpty();
    }

    /**
     * SQL: the user or group in {@code principal} (a column or parameter; user and group ids never clash) can read
     * the collection in {@code collection}: a grant names it, or, for a user, a directory group they belong to;
     * neither it nor the granted group was removed from the directory, and the collection was not deleted.
     */
    public static String readableBy(String collection, String principal) {
        return "EXISTS (SELECT 1 FROM access_grant ag JOIN access_collection ac ON ac.id = ag.collection_id"
                + " AND NOT ac.deleted WHERE ag.collection_id = " + collection
                + " AND (ag.principal_id = " + principal + " OR (ag.principal_type = 'GROUP' AND ag.principal_id IN"
                + " (SELECT am.group_id FROM access_member am WHERE am.user_id = " + principal + ")))"
                + " AND NOT EXISTS (SELECT 1 FROM access_principal ap WHERE ap.removed"
                + " AND ((ap.principal_type = ag.principal_type AND ap.principal_id = ag.principal_id)"
                + " OR ap.principal_id = " + principal + ")))";
    }

    /** The first collection owner in card-service's order whom the directory has not removed. */
    public Optional<String> firstOwner(UUID collectionId) {
        @SuppressWarnings("unchecked")
        List<String> owners = em.createNativeQuery("""
                SELECT g.principal_id FROM access_grant g
                 WHERE g.collection_id = :collection AND g.role = 'COLLECTION_OWNER'
                   AND NOT EXISTS (SELECT 1 FROM access_principal p
                                    WHERE p.principal_id = g.principal_id AND p.removed)
                 ORDER BY g.position LIMIT 1""")
                .setParameter("collection", collectionId).getResultList();
        return owners.stream().findFirst();
    }

    /** Whether the user belongs to the directory group, as the directory events last said. */
    public boolean isMember(String userId, String groupId) {
        return !em.createNativeQuery("SELECT 1 FROM access_member WHERE group_id = :group AND user_id = :user")
                .setParameter("group", groupId).setParameter("user", userId).getResultList().isEmpty();
    }

    /** The directory groups the user belongs to. */
    @SuppressWarnings("unchecked")
    public List<String> groupsOf(String userId) {
        return em.createNativeQuery("SELECT group_id FROM access_member WHERE user_id = :user ORDER BY group_id")
                .setParameter("user", userId).getResultList();
    }

    /** The members of a directory group. */
    @SuppressWarnings("unchecked")
    public List<String> membersOf(String groupId) {
        return em.createNativeQuery("SELECT user_id FROM access_member WHERE group_id = :group ORDER BY user_id")
                .setParameter("group", groupId).getResultList();
    }

    /**
     * A collection's access list (and whether it was deleted), if the event is newer than what is held. Returns
     * whether it applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyCollection(CollectionEvent event, boolean deleted) {
        int applied = em.createNativeQuery("""
                INSERT INTO access_collection (id, version, deleted, updated_at) VALUES (:id, :version, :deleted, :now)
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted,
                    updated_at = EXCLUDED.updated_at
                 WHERE access_collection.version < EXCLUDED.version""")
                .setParameter("id", event.collectionId()).setParameter("version", event.version())
                .setParameter("deleted", deleted).setParameter("now", OffsetDateTime.now(clock)).executeUpdate();
        if (applied == 0) {
            LOG.debugf("collection %s v%d is not newer than the one held; ignored", event.collectionId(),
                    event.version());
            return false;
        }
        em.createNativeQuery("DELETE FROM access_grant WHERE collection_id = :id")
                .setParameter("id", event.collectionId()).executeUpdate();
        List<CollectionEvent.AccessGrant> grants = deleted || event.collection() == null
                || event.collection().access() == null ? List.of() : event.collection().access();
        int position = 0;
        for (CollectionEvent.AccessGrant grant : grants) {
            em.createNativeQuery("""
                    INSERT INTO access_grant (collection_id, principal_type, principal_id, role, position)
                    VALUES (:id, :type, :principal, :role, :position) ON CONFLICT DO NOTHING""")
                    .setParameter("id", event.collectionId()).setParameter("type", grant.principalType())
                    .setParameter("principal", grant.principalId()).setParameter("role", grant.role())
                    .setParameter("position", position++).executeUpdate();
        }
        return true;
    }

    /**
     * A user or group, if the event is newer than what is held: a removed user leaves every group; a group's member
     * list is replaced (emptied when it was removed). Returns whether it applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyDirectory(DirectoryEvent event, boolean removal) {
        int applied = em.createNativeQuery("""
                INSERT INTO access_principal (principal_type, principal_id, version, removed)
                VALUES (:type, :id, :version, :removed)
                ON CONFLICT (principal_type, principal_id) DO UPDATE SET version = EXCLUDED.version,
                    removed = EXCLUDED.removed
                 WHERE access_principal.version < EXCLUDED.version""")
                .setParameter("type", event.principalType()).setParameter("id", event.principalId())
                .setParameter("version", event.version()).setParameter("removed", removal).executeUpdate();
        if (applied == 0) {
            LOG.debugf("%s %s v%d is not newer than the one held; ignored", event.principalType(),
                    event.principalId(), event.version());
            return false;
        }
        if ("USER".equals(event.principalType())) {
            if (removal) {
                em.createNativeQuery("DELETE FROM access_member WHERE user_id = :user")
                        .setParameter("user", event.principalId()).executeUpdate();
            }
            return true;
        }
        em.createNativeQuery("DELETE FROM access_member WHERE group_id = :group")
                .setParameter("group", event.principalId()).executeUpdate();
        List<String> members = removal || event.group() == null || event.group().memberIds() == null ? List.of()
                : event.group().memberIds();
        for (String member : members.stream().distinct().toList()) {
            em.createNativeQuery("INSERT INTO access_member (group_id, user_id) VALUES (:group, :user)")
                    .setParameter("group", event.principalId()).setParameter("user", member).executeUpdate();
        }
        return true;
    }
}
