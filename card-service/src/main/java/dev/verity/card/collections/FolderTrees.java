package dev.verity.card.collections;

import dev.verity.events.CollectionEvent;
import java.util.List;
import java.util.UUID;

/**
 * The folder tree a collection event carries. Folders build on collections (a folder change is a change of its
 * collection), so the tree comes from the folders package ({@code FolderRepository}) through this interface, and
 * collections never depend on folders.
 */
public interface FolderTrees {

    /** Every folder of the collection, siblings in order, as a collection event carries them. */
    List<CollectionEvent.Folder> of(UUID collectionId);
}
