package dev.verity.search.index;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One search as the caller asked it: the words, the filters (each optional; all given must hold), the page size and
 * where the previous page ended.
 *
 * @param folderIds    the card must be filed in one of these (a folder and its sub-folders); null for no folder
 *                     filter, empty to match nothing
 * @param tags         every one must be on the card
 * @param verification VERIFIED or UNVERIFIED (as verification-service last said)
 * @param after        the cursor of the previous page, or null for the first
 */
public record CardQuery(String text, UUID collectionId, List<UUID> folderIds, List<String> tags, String verification,
        String ownerId, Instant updatedFrom, Instant updatedTo, int size, SearchCursor after) {

    public CardQuery {
        tags = tags == null ? List.of() : List.copyOf(tags);
        folderIds = folderIds == null ? null : List.copyOf(folderIds);
    }

    public static CardQuery of(String text, int size) {
        return new CardQuery(text, null, null, List.of(), null, null, null, null, size, null);
    }

    public boolean firstPage() {
        return after == null;
    }

    /** Whether any filter narrows the search. */
    public boolean filtered() {
        return collectionId != null || folderIds != null || !tags.isEmpty() || verification != null || ownerId != null
                || updatedFrom != null || updatedTo != null;
    }
}
