package dev.verity.notification.follows;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether the caller follows a card: what a Follow button shows without paging through every follower. */
@Schema(name = "FollowState", description = "Whether the caller follows the card, and since when")
public record FollowState(
        @Schema(example = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11") UUID cardId,
        @Schema(description = "True when the caller follows the card", example = "true") boolean following,
        @Schema(description = "When the caller started following it; null when not following", nullable = true,
                example = "2026-01-10T09:00:00Z") Instant followedAt) {
}
