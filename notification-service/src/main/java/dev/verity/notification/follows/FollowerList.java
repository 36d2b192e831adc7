package dev.verity.notification.follows;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FollowerList", description = "A page of a card's followers, longest-standing first")
public record FollowerList(
        List<Follower> items,
        @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {

    @Schema(name = "Follower")
    public record Follower(
            @Schema(example = "alice") String userId,
            @Schema(example = "2026-01-10T09:00:00Z") Instant followedAt) {
    }
}
