package dev.verity.verification.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who is looking: decides which collections (and so which cards) a query may return. A person sees a collection
 * when a grant names them, a directory group they belong to, or a group their token carries; an org admin sees all.
 */
public record Viewer(String userId, Collection<String> tokenGroups, boolean admin) {

    /**
     * Collections the viewer holds any role in, as SQL over a {@code collection_id} column; binds {@code :viewer}
     * and {@code :viewerGroups} (see {@link #bind}).
     */
    static final String VISIBLE_COLLECTIONS = """
            (SELECT a.collection_id FROM collection_access a
              WHERE (a.principal_type = 'USER' AND a.principal_id = :viewer)
                 OR (a.principal_type = 'GROUP' AND (a.principal_id IN (:viewerGroups)
                     OR a.principal_id IN (SELECT m.group_id FROM group_member m WHERE m.user_id = :viewer))))""";

    static final String ALL_COLLECTIONS = "(SELECT c.id FROM known_collection c WHERE NOT c.deleted)";

    public String visibleCollections() {
        return admin ? ALL_COLLECTIONS : VISIBLE_COLLECTIONS;
    }

    public void bind(jakarta.persistence.Query query) {
        if (!admin) {
            query.setParameter("viewer", userId).setParameter("viewerGroups", groupsForSql());
        }
    }

    /** IN () is not SQL; no principal id is empty. */
    List<String> groupsForSql() {
        List<String> groups = new ArrayList<>(tokenGroups);
        if (groups.isEmpty()) {
            groups.add("");
        }
        return groups;
    }
}
