package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An announcement as an {@link AnnouncementEvent} carries it.
 *
 * @param id                the announcement
 * @param authorId          who announced it
 * @param message           the author's message, null when none
 * @param userIds           the users it was addressed to
 * @param groupIds          the directory groups it was addressed to (their members are the recipients)
 * @param round             1, then one more for each renewal (everyone acknowledges again)
 * @param announcedVersion  the card version recipients are asked to acknowledge (the one of the latest round)
 * @param recipientCount    how many recipients the announcement has
 * @param acknowledgedCount how many of them acknowledged the current round
 * @param createdAt         when it was announced
 * @param updatedAt         when it last changed
 */
public record AnnouncementSnapshot(UUID id, String authorId, String message, List<String> userIds,
        List<String> groupIds, int round, long announcedVersion, int recipientCount, int acknowledgedCount,
        Instant createdAt, Instant updatedAt) {
}
