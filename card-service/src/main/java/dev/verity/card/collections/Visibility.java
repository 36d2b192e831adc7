package dev.verity.card.collections;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The collections someone holds any role in, as a condition for native queries that list things across
 * collections: grants naming them directly, naming a directory group they belong to, or naming a group their token
 * carries. An org admin sees every collection, so their condition is empty.
 */
public final class Visibility {

    private static final String COLLECTIONS_OF_ACCESS_USER = """
            (SELECT a.collection_id FROM collection_access a
              WHERE (a.principal_type = 'USER' AND a.principal_id = :accessUser)
                 OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:accessGroups)
                     OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :accessUser))))""";

    private final String userId;
    private final List<String> groups;

    private Visibility(String userId, List<String> groups) {
        this.userId = userId;
        this.groups = groups;
    }

    public static Visibility everything() {
        return new Visibility(null, List.of());
    }

    public static Visibility of(String userId, Set<String> tokenGroups) {
        List<String> groups = new ArrayList<>(tokenGroups);
        if (groups.isEmpty()) {
            groups.add(""); // IN () is not SQL; no principal id is empty
        }
        return new Visibility(userId, groups);
    }

    /** {@code " AND <column> IN (visible collections)"}, or nothing for someone who sees everything. */
    public String restrict(String collectionIdColumn) {
        return userId == null ? "" : " AND " + collectionIdColumn + " IN " + COLLECTIONS_OF_ACCESS_USER;
    }

    /** Binds the parameters {@link #restrict} added, if any. */
    public void bind(Query query) {
        if (userId != null) {
            query.setParameter("accessUser", userId).setParameter("accessGroups", groups);
        }
    }
}
