package dev.verity.search.search;

import dev.verity.search.folders.FolderTreeRepository;
import dev.verity.search.index.SearchPage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SearchResults", description = "Published cards matching the query, best first")
public record SearchResponse(
        @Schema(example = "refund") String query,
        @Schema(description = "How many readable cards match: exact up to 1,000, then a lower bound (see totalExact)",
                example = "12") long total,
        @Schema(description = "False when more cards match than `total` says", example = "true") boolean totalExact,
        List<SearchHit> hits,
        @Schema(description = "First page only: counts per `collection`, `tag` and `verification` within the same "
                + "query and filters, most frequent first (at most 20 values each)",
                example = "{\"tag\": [{\"value\": \"billing\", \"count\": 7}], \"verification\": "
                        + "[{\"value\": \"VERIFIED\", \"count\": 9}]}")
        Map<String, List<SearchPage.FacetCount>> facets,
        @Schema(description = "Pass as `cursor` for the next page, unchanged; null on the last page. Opaque and "
                + "sealed: an altered cursor is a 400", nullable = true) String nextCursor,
        @Schema(description = "True when typos were tolerated because the exact words found fewer than 3 cards (or "
                + "nothing, see `partialMatch`); the next pages tolerate them too")
        boolean typoTolerant,
        @Schema(description = "True when no card holds every word of the query (3 words or more) and these hits hold "
                + "all but one, those holding more of the words first. Such a search still counts as finding nothing "
                + "in the knowledge-gap report")
        boolean partialMatch,
        @Schema(description = "A corrected query that finds something, when this one found nothing; else null",
                example = "refund") String didYouMean,
        @Schema(description = "First page only: pass it with the card the user opens to `POST /search/clicks`, so "
                + "searches whose hits nobody opens show up as knowledge gaps", example = "4711") Long searchId) {

    static SearchResponse of(String query, SearchPage page, FolderTreeRepository.Paths paths, String nextCursor,
            Long searchId) {
        return new SearchResponse(query, page.total(), page.totalExact(), SearchHit.of(page.hits(), paths),
                page.facets(), nextCursor, page.fuzzy(), page.partial(), page.didYouMean(), searchId);
    }

    /** Every folder the hits are filed in, to resolve their paths in one look-up. */
    public static Set<UUID> folderIdsOf(List<SearchPage.Hit> hits) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (SearchPage.Hit hit : hits) {
            for (String id : hit.folderIds()) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    // not a folder id card-service could have written: nothing to name
                }
            }
        }
        return ids;
    }

    @Schema(name = "FolderPath", description = "A folder the card is filed in, with the names from the top level down")
    public record FolderPath(
            @Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") String id,
            @Schema(description = "Folder names from the collection's top level down to this folder",
                    example = "[\"Billing\", \"Refunds\"]") List<String> path) {
    }

    @Schema(name = "SearchHit", description = "One matching card")
    public record SearchHit(
            @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") String id,
            @Schema(description = "The card's stable, URL-safe name (null for cards indexed before slugs existed)",
                    example = "how-do-i-issue-a-refund") String slug,
            @Schema(example = "How do I issue a refund?") String title,
            @Schema(description = "Title with matched words in <mark>, HTML-escaped", example = "How do I issue a <mark>refund</mark>?") String titleHighlight,
            @Schema(description = "Passage of the card's text (Markdown removed), HTML-escaped, matched words in <mark>; "
                    + "null for a card not re-indexed since plain-text snippets exist",
                    example = "Open the order, choose <mark>Refund</mark>, pick the items.") String snippet,
            @Schema(example = "[\"billing\"]") List<String> tags,
            @Schema(description = "The collection the card lives in (null for cards indexed before collections existed)",
                    example = "6d3c8a1e-4b2f-4e0a-9c7d-1f2e3a4b5c6d") String collectionId,
            @Schema(description = "Card version the index holds", example = "3") long version,
            @Schema(example = "alice") String verifierId,
            @Schema(description = "VERIFIED or UNVERIFIED as verification-service last said; null until it said",
                    example = "VERIFIED") String verification,
            @Schema(description = "When the card was last verified; null when never", example = "2026-11-20T09:00:00Z")
            String verifiedAt,
            @Schema(description = "When the verification lapses (the card turns UNVERIFIED unless verified again); null "
                    + "until verification-service said", example = "2027-02-18T09:00:00Z") String dueAt,
            @Schema(description = "Why the card is UNVERIFIED, as verification-service said: NEW (never verified yet), "
                    + "EXPIRED, FLAGGED, EDITED_BY_NON_VERIFIER, VERIFIER_CHANGED or VERIFIER_LOST_ACCESS; null while "
                    + "VERIFIED, and for a card whose verification state predates reasons in search",
                    example = "FLAGGED") String unverifiedReason,
            @Schema(example = "2026-11-23T10:15:30Z") String updatedAt,
            @Schema(description = "Where the card is filed: each of its folders with its path, resolved when answering "
                    + "from the collection's current folder tree (a rename or move shows at once); folders search "
                    + "does not know yet are left out, so the list may be empty",
                    example = "[{\"id\": \"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\", \"path\": [\"Billing\", \"Refunds\"]}]")
            List<FolderPath> folders) {

        public static List<SearchHit> of(List<SearchPage.Hit> hits, FolderTreeRepository.Paths paths) {
            return hits.stream().map(hit -> of(hit, paths)).toList();
        }

        static SearchHit of(SearchPage.Hit hit, FolderTreeRepository.Paths paths) {
            List<FolderPath> folders = hit.folderIds().stream()
                    .map(id -> {
                        List<String> path = paths.of(hit.collectionId(), id);
                        return path == null ? null : new FolderPath(id, path);
                    })
                    .filter(java.util.Objects::nonNull).toList();
            return new SearchHit(hit.id(), hit.slug(), hit.title(),
                    hit.titleHighlight() == null ? hit.title() : hit.titleHighlight(), hit.snippet(), hit.tags(),
                    hit.collectionId(), hit.version(), hit.verifierId(), hit.verification(), hit.verifiedAt(),
                    hit.dueAt(), hit.unverifiedReason(), hit.updatedAt(), folders);
        }
    }
}
