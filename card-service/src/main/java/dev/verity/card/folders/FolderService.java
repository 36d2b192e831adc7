package dev.verity.card.folders;

import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.collections.CollectionService;
import dev.verity.card.collections.Role;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Folders arrange a collection's cards. Siblings are kept densely numbered from 0, so "put it at position 2"
 * means exactly that. The collection row is locked while siblings are renumbered, so two concurrent moves in one
 * collection never interleave.
 *
 * <p>Every change of the tree is a change of the collection: in the same transaction its version grows and
 * {@code collection.changed} carries the new tree ({@link CollectionService#foldersChanged}), so search can show
 * where a card is filed and expand a folder to its sub-folders without calling back.
 */
@ApplicationScoped
public class FolderService {

    /** How deep folders nest: deeper trees help nobody find anything, and every tree walk is bounded by it. */
    public static final int MAX_DEPTH = 10;

    /** Folders in one collection. */
    public static final int MAX_FOLDERS = 2_000;

    private final FolderRepository folders;
    private final CollectionRepository collections;
    private final CollectionService collectionChanges;
    private final CollectionRoles access;
    private final Clock clock;

    FolderService(FolderRepository folders, CollectionRepository collections, CollectionService collectionChanges,
            CollectionRoles access, Clock clock) {
        this.folders = folders;
        this.collections = collections;
        this.collectionChanges = collectionChanges;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public Folder create(UUID collectionId, String name, UUID parentId, Integer position) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        Collection collection = lockCollection(collectionId);
        requireDepth(requireParent(collectionId, parentId, null) + 1);
        long count = folders.countInCollection(collectionId);
        if (count >= MAX_FOLDERS) {
            throw new ProblemException(409, "limit-reached", "Limit reached", "collection " + collectionId
                    + " already has " + count + " folders; a collection may have at most " + MAX_FOLDERS)
                    .with("limit", "folders-per-collection").with("max", MAX_FOLDERS);
        }
        List<Folder> siblings = folders.siblings(collectionId, parentId);
        Instant now = clock.instant();
        Folder folder = new Folder();
        folder.id = UUID.randomUUID();
        folder.collectionId = collectionId;
        folder.parentId = parentId;
        folder.name = name.strip();
        folder.createdAt = now;
        folder.updatedAt = now;
        siblings.add(clamp(position, siblings.size()), folder);
        renumber(siblings);
        folders.persist(folder);
        collectionChanges.foldersChanged(collection, access.userId());
        return folder;
    }

    /** Renames, re-parents or reorders a folder (within its collection). */
    @Transactional
    public Folder update(UUID id, String name, UUID parentId, Integer position) {
        Folder folder = find(id);
        access.require(folder.collectionId, Role.AUTHOR, "folder " + id);
        Collection collection = lockCollection(folder.collectionId);
        requireDepth(requireParent(folder.collectionId, parentId, folder.id) + height(folder));
        List<Folder> oldSiblings = folders.siblings(folder.collectionId, folder.parentId);
        oldSiblings.removeIf(f -> f.id.equals(folder.id));
        renumber(oldSiblings);
        List<Folder> newSiblings = Objects.equals(folder.parentId, parentId) ? oldSiblings
                : folders.siblings(folder.collectionId, parentId);
        newSiblings.add(clamp(position, newSiblings.size()), folder);
        folder.parentId = parentId;
        folder.name = name.strip();
        folder.updatedAt = clock.instant();
        renumber(newSiblings);
        collectionChanges.foldersChanged(collection, access.userId());
        return folder;
    }

    /** Only an empty folder (no sub-folders, no cards) can be deleted, so nothing is lost by accident. */
    @Transactional
    public void delete(UUID id) {
        Folder folder = find(id);
        access.require(folder.collectionId, Role.AUTHOR, "folder " + id);
        Collection collection = lockCollection(folder.collectionId);
        long children = folders.countChildren(id);
        long filed = folders.countCards(id);
        if (children > 0 || filed > 0) {
            throw ProblemException.conflict("folder " + id + " is not empty: " + children + " sub-folders, "
                    + filed + " cards").with("folders", children).with("cards", filed);
        }
        List<Folder> siblings = folders.siblings(folder.collectionId, folder.parentId);
        siblings.removeIf(f -> f.id.equals(id));
        renumber(siblings);
        folders.delete(folder);
        collectionChanges.foldersChanged(collection, access.userId());
    }

    /** Every folder of the collection, parents before children, siblings in order. */
    public List<Folder> tree(UUID collectionId) {
        access.require(collectionId, Role.READ_ONLY, "collection " + collectionId);
        return folders.inCollection(collectionId);
    }

    public Folder get(UUID id) {
        Folder folder = find(id);
        access.require(folder.collectionId, Role.READ_ONLY, "folder " + id);
        return folder;
    }

    /** Checks that every folder id belongs to the collection; 400 naming {@code field} otherwise. */
    public void requireInCollection(String field, UUID collectionId, List<UUID> folderIds) {
        if (folderIds.isEmpty()) {
            return;
        }
        List<UUID> found = folders.idsInCollection(collectionId, folderIds);
        for (UUID id : folderIds) {
            if (!found.contains(id)) {
                throw ProblemException.invalidParameter(field, "folder " + id + " is not in collection " + collectionId);
            }
        }
    }

    private Folder find(UUID id) {
        Folder folder = folders.findById(id);
        if (folder == null) {
            throw ProblemException.notFound("folder", id);
        }
        return folder;
    }

    /**
     * Checks that the parent exists in the collection and is not the moving folder or inside it.
     *
     * @return the parent's depth (1 for a top-level folder), 0 for no parent
     */
    private int requireParent(UUID collectionId, UUID parentId, UUID movingId) {
        int depth = 0;
        for (UUID cursor = parentId; cursor != null; depth++) {
            if (cursor.equals(movingId)) {
                throw ProblemException.invalidParameter("parentId", "a folder cannot sit inside itself or its own sub-folder");
            }
            Folder parent = folders.findById(cursor);
            if (parent == null || !parent.collectionId.equals(collectionId)) {
                throw ProblemException.invalidParameter("parentId", "folder " + cursor + " is not in collection " + collectionId);
            }
            cursor = parent.parentId;
        }
        return depth;
    }

    private static void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw ProblemException.invalidParameter("parentId", "folders nest at most " + MAX_DEPTH
                    + " levels deep; this would make " + depth).with("limit", "folder-depth").with("max", MAX_DEPTH);
        }
    }

    /** Levels in the folder's subtree, itself included (1 for a folder without sub-folders); no recursion. */
    private int height(Folder folder) {
        List<UUID> level = List.of(folder.id);
        int height = 0;
        while (!level.isEmpty() && height <= MAX_DEPTH) {
            height++;
            level = folders.childIds(level);
        }
        return height;
    }

    private static int clamp(Integer position, int size) {
        if (position == null || position > size) {
            return size;
        }
        return Math.max(0, position);
    }

    private static void renumber(List<Folder> siblings) {
        for (int i = 0; i < siblings.size(); i++) {
            siblings.get(i).position = i;
        }
    }

    private Collection lockCollection(UUID collectionId) {
        Collection collection = collections.findById(collectionId, LockModeType.PESSIMISTIC_WRITE);
        if (collection == null) {
            throw ProblemException.notFound("collection", collectionId);
        }
        return collection;
    }
}
