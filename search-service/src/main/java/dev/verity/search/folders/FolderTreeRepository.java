package dev.verity.search.folders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CollectionEvent;
import dev.verity.platform.access.ReadScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each collection's folder tree (table {@code collection_folder}), kept from the collection events: search expands a
 * folder filter to the folder's sub-folders and names the folders a hit is filed in, both at query time, so a
 * rename or a move shows at once without reindexing a single card.
 *
 * <p>It has no version of its own: {@link #apply} runs only when platform's {@code CollectionAccess} applied the same
 * event (newer than the collection version it holds), in the same transaction, so an older event arriving after a
 * newer one changes neither the access list nor the tree.
 */
@ApplicationScoped
public class FolderTreeRepository {

    /**
     * Walks stop this many levels down or up. card-service nests at most 10; the bound only keeps a malformed tree
     * (a cycle) from running away.
     */
    static final int MAX_WALK = 32;

    private final EntityManager em;
    private final ObjectMapper mapper;

    FolderTreeRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Replaces the collection's tree with the event's (one statement); a deleted collection keeps none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CollectionEvent event, boolean deleted) {
        em.createNativeQuery("DELETE FROM collection_folder WHERE collection_id = :c")
                .setParameter("c", event.collectionId()).executeUpdate();
        List<CollectionEvent.Folder> folders = deleted || event.collection() == null ? List.of()
                : event.collection().folders();
        if (folders.isEmpty()) {
            return;
        }
        String tree;
        try {
            tree = mapper.writeValueAsString(folders);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the folder tree of collection " + event.collectionId(), e);
        }
        em.createNativeQuery("""
                INSERT INTO collection_folder (collection_id, id, parent_id, name, position)
                SELECT DISTINCT ON (f.id) :c, f.id, f."parentId", f.name, f.position
                  FROM jsonb_to_recordset(CAST(:tree AS jsonb)) AS f(id uuid, "parentId" uuid, name text, position int)""")
                .setParameter("c", event.collectionId()).setParameter("tree", tree).executeUpdate();
    }

    /**
     * The folder and every folder below it, when it belongs to a collection in the scope; otherwise only the folder
     * itself, which the search's own read-scope filter then confines to readable cards. Either way a folder of a
     * collection the caller cannot read finds nothing, and a folder whose tree has not arrived yet (a collection not
     * changed since folders travelled in its events) still finds the cards filed directly in it.
     */
    @Transactional
    public List<UUID> withSubfolders(UUID folderId, ReadScope scope) {
        @SuppressWarnings("unchecked")
        List<UUID> owners = em.createNativeQuery("SELECT collection_id FROM collection_folder WHERE id = :f",
                UUID.class).setParameter("f", folderId).getResultList();
        List<UUID> readable = owners.stream()
                .filter(c -> scope.unrestricted() || scope.collectionIds().contains(c)).toList();
        if (readable.isEmpty()) {
            return List.of(folderId);
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                WITH RECURSIVE below (collection_id, id, depth) AS (
                    SELECT collection_id, id, 0 FROM collection_folder WHERE id = :f AND collection_id IN (:c)
                    UNION ALL
                    SELECT f.collection_id, f.id, b.depth + 1 FROM collection_folder f
                      JOIN below b ON f.collection_id = b.collection_id AND f.parent_id = b.id
                     WHERE b.depth < :max)
                SELECT DISTINCT id FROM below""", UUID.class)
                .setParameter("f", folderId).setParameter("c", readable).setParameter("max", MAX_WALK)
                .getResultList();
        return ids;
    }

    /**
     * The path (names from the top level down) of each of these folders the tree knows, per collection: a folder
     * is named only for a hit of the collection it belongs to. Unknown ids are left out.
     */
    public Paths paths(Collection<UUID> folderIds) {
        if (folderIds.isEmpty()) {
            // most pages: no hit is filed in a folder, and a search should not pay a transaction for nothing
            return new Paths(Map.of());
        }
        return QuarkusTransaction.joiningExisting().call(() -> lookUp(folderIds));
    }

    private Paths lookUp(Collection<UUID> folderIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH RECURSIVE up (start_id, collection_id, parent_id, name, depth) AS (
                    SELECT id, collection_id, parent_id, name, 0 FROM collection_folder WHERE id IN (:ids)
                    UNION ALL
                    SELECT u.start_id, f.collection_id, f.parent_id, f.name, u.depth + 1 FROM collection_folder f
                      JOIN up u ON f.collection_id = u.collection_id AND f.id = u.parent_id
                     WHERE u.depth < :max)
                SELECT start_id, collection_id, name FROM up ORDER BY start_id, collection_id, depth DESC""")
                .setParameter("ids", List.copyOf(folderIds)).setParameter("max", MAX_WALK).getResultList();
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (Object[] row : rows) {
            paths.computeIfAbsent(Paths.key((UUID) row[1], (UUID) row[0]), k -> new ArrayList<>()).add((String) row[2]);
        }
        return new Paths(paths);
    }

    /** Folder paths keyed by collection and folder. */
    public record Paths(Map<String, List<String>> byCollectionAndFolder) {

        static String key(UUID collectionId, UUID folderId) {
            return collectionId + "/" + folderId;
        }

        /** The folder's path if it belongs to that collection, else null. */
        public List<String> of(String collectionId, String folderId) {
            return collectionId == null ? null : byCollectionAndFolder.get(collectionId + "/" + folderId);
        }
    }
}
