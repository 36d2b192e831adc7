package dev.verity.search.index;

import java.util.List;

/** One page of search results as the index returned them. */
public record SearchPage(long total, List<Hit> hits) {

    public record Hit(String id, String title, String titleHighlight, String snippet, List<String> tags,
            long version, String verifierId, String updatedAt, double score) {
    }
}
