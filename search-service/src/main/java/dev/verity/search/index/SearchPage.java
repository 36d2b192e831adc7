package dev.verity.search.index;

import java.util.List;

/** One page of search results as the index returned them. */
public record SearchPage(long total, List<Hit> hits) {

    /** {@code slug} and {@code collectionId} are null for a card not re-indexed since those fields were added. */
    public record Hit(String id, String slug, String title, String titleHighlight, String snippet, List<String> tags,
            String collectionId, long version, String verifierId, String updatedAt, double score) {
    }
}
