package dev.verity.search.rebuild;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One index rebuild as an operator follows it. */
@Schema(name = "IndexRebuild", description = "A rebuild of the search index from the card events")
public record Rebuild(
        UUID id,
        @Schema(description = "RUNNING, SWAPPED (the alias points to `index`, the old index is dropped) or FAILED")
        String state,
        @Schema(description = "The new concrete index", example = "cards-v1-20260301101500-4f2a9c1e") String index,
        @Schema(description = "The index the alias pointed to before the swap (dropped since)") String previousIndex,
        @Schema(description = "Who started it") String startedBy,
        Instant startedAt,
        @Schema(description = "Last sign of life of the instance running it") Instant heartbeatAt,
        Instant finishedAt,
        @Schema(description = "Per partition of `verity.cards`: the end offset captured at start, read up to")
        Map<String, Long> target,
        @Schema(description = "Per partition: how far the replay has read") Map<String, Long> position,
        @Schema(description = "Records still to read before the swap") long remaining,
        @Schema(description = "Card events read from the topic so far") long eventsRead,
        @Schema(description = "Documents written into the new index so far (an event older than what the index "
                + "already holds, from a live write, is not counted)") long cardsIndexed,
        @Schema(description = "Why it failed") String error) {

    public static final String RUNNING = "RUNNING";
    public static final String SWAPPED = "SWAPPED";
    public static final String FAILED = "FAILED";
}
