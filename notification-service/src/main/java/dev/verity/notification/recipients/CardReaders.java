package dev.verity.notification.recipients;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Who may read a card, by its collection's access list (platform {@link CollectionAccess}, kept from
 * {@code verity.collections} and {@code verity.directory}). When an event is applied nobody's token is at hand, so
 * a person reads through grants naming them or a directory group they are in; a grant to a token-only group, or
 * org-admin rights, count only where the person is the caller ({@link #mayRead(Viewer, UUID)}). A collection the
 * service has heard nothing of yet is readable by nobody: silence rather than a leak. This is the one place
 * notification-service decides who may read (and be told of) a card.
 */
@ApplicationScoped
public class CardReaders {

    private final CollectionAccess access;

    CardReaders(CollectionAccess access) {
        this.access = access;
    }

    /** Whether {@code userId}, as the directory knows them, may read the collection. */
    private boolean mayRead(String userId, UUID collectionId) {
        return mayRead(new Viewer(userId, Set.of(), false), collectionId);
    }

    /** Whether the collection's access list has reached this service (an event of it was applied). */
    public boolean knows(UUID collectionId) {
        return collectionId != null && access.knows(collectionId);
    }

    /**
     * Whether {@code userId} may be told of a card in the collection by an event. Once the collection's access list has
     * reached this service: whether they may read it. Until then only someone the event itself names (the card's
     * verifier or a member of its verifier group, a person mentioned, the verifier a policy change names) is told:
     * card and collection events travel on different topics and a new collection's first card may arrive first, and
     * silence would cost its verifier the news. Anyone told only for a relation to the card (its owner of a comment, a
     * follower of a change) waits until the access list says they may read it: silence rather than a leak.
     */
    public boolean mayBeTold(String userId, UUID collectionId, boolean namedByTheEvent) {
        return knows(collectionId) ? mayRead(userId, collectionId) : namedByTheEvent;
    }

    /**
     * The collections {@code userId} may read as the directory knows them (grants to them or their directory groups):
     * {@link #mayBeTold} for one person and many cards at once, where the collection is known.
     */
    public Set<UUID> readableBy(String userId) {
        return Set.copyOf(access.readScope(new Viewer(userId, Set.of(), false)).collectionIds());
    }

    /** Whether the viewer (a caller, with their token's groups and admin rights) may read the collection. */
    public boolean mayRead(Viewer viewer, UUID collectionId) {
        if (viewer.admin()) {
            return true;
        }
        return collectionId != null && access.readScope(viewer).collectionIds().contains(collectionId);
    }
}
