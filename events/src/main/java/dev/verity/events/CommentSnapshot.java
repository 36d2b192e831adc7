package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A comment at one version.
 *
 * @param id        comment id
 * @param version   grows by one with every change of this comment
 * @param authorId  who wrote it
 * @param body      Markdown text
 * @param mentions  directory user ids @mentioned in the text
 * @param status    OPEN or RESOLVED
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 */
public record CommentSnapshot(UUID id, long version, String authorId, String body, List<String> mentions,
        String status, Instant createdAt, Instant updatedAt) {
}
