package dev.verity.platform.access;

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

    /** Whether nothing at all can be read, so a query need not run. */
    public boolean nothing() {
        return !unrestricted && collectionIds.isEmpty();
    }
}
