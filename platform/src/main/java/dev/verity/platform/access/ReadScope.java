package dev.verity.platform.access;

import jakarta.persistence.Query;
import java.util.List;
import java.util.UUID;

/**
 * The collections someone may read: every one ({@link #everything()}, an org admin) or exactly those listed, which
 * may be none. A query across collections must filter on it, never on its results afterwards.
 */
public record ReadScope(boolean unrestricted, List<UUID> collectionIds) {

    public ReadScope {
        collectionIds = List.copyOf(collectionIds);
    }

    public static ReadScope everything() {
        return new ReadScope(true, List.of());
    }

    public static ReadScope only(List<UUID> collectionIds) {
        return new ReadScope(false, collectionIds);
    }

    /**
     * SQL: the collection id in {@code column} is one of this scope's, on the tables of {@link CollectionAccess}
     * (every collection not deleted, for an org admin); {@link #bind} binds its parameter.
     */
    public String sqlCondition(String column) {
        if (unrestricted) {
            return column + " IN (SELECT ac.id FROM access_collection ac WHERE NOT ac.deleted)";
        }
        return collectionIds.isEmpty() ? "FALSE" : column + " IN (:readableCollections)";
    }

    /** Binds what {@link #sqlCondition} refers to. */
    public <Q extends Query> Q bind(Q query) {
        if (!unrestricted && !collectionIds.isEmpty()) {
            query.setParameter("readableCollections", collectionIds);
        }
        return query;
    }

    /** Whether nothing at all can be read, so a query need not run. */
    public boolean nothing() {
        return !unrestricted && collectionIds.isEmpty();
    }
}
