package dev.verity.card.folders;

import dev.verity.card.collections.FolderTrees;
import dev.verity.events.CollectionEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries on folders; the tree a collection event carries comes from here ({@link FolderTrees}). */
@ApplicationScoped
public class FolderRepository implements PanacheRepositoryBase<Folder, UUID>, FolderTrees {

    public long countInCollection(UUID collectionId) {
        return count("collectionId", collectionId);
    }

    public long countChildren(UUID folderId) {
        return count("parentId", folderId);
    }

    /** Every folder of the collection, siblings in order. */
    public List<Folder> inCollection(UUID collectionId) {
        return list("from Folder where collectionId = :c order by position, name", Parameters.with("c", collectionId));
    }

    @Override
    public List<CollectionEvent.Folder> of(UUID collectionId) {
        return inCollection(collectionId).stream()
                .map(f -> new CollectionEvent.Folder(f.id, f.parentId, f.name, f.position)).toList();
    }

    /** Cards filed in the folder, archived ones included. */
    public long countCards(UUID folderId) {
        return ((Number) getEntityManager().createNativeQuery("SELECT count(*) FROM card WHERE :id = ANY (folder_ids)")
                .setParameter("id", folderId).getSingleResult()).longValue();
    }

    /** The folders directly under {@code parentId} (null: the top level), in order, as a list one may rearrange. */
    public List<Folder> siblings(UUID collectionId, UUID parentId) {
        String parent = parentId == null ? "f.parentId is null" : "f.parentId = :parent";
        Parameters params = Parameters.with("c", collectionId);
        if (parentId != null) {
            params.and("parent", parentId);
        }
        return new ArrayList<>(list("from Folder f where f.collectionId = :c and " + parent
                + " order by f.position, f.name", params));
    }

    /** Those of {@code folderIds} that are in the collection. */
    public List<UUID> idsInCollection(UUID collectionId, List<UUID> folderIds) {
        return getEntityManager()
                .createQuery("select f.id from Folder f where f.collectionId = :c and f.id in :ids", UUID.class)
                .setParameter("c", collectionId).setParameter("ids", folderIds).getResultList();
    }

    /** The ids of the folders directly under any of {@code parentIds}. */
    public List<UUID> childIds(List<UUID> parentIds) {
        return getEntityManager().createQuery("select f.id from Folder f where f.parentId in :ids", UUID.class)
                .setParameter("ids", parentIds).getResultList();
    }
}
