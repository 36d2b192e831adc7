package dev.verity.events;

import java.time.Instant;
import java.util.List;

/**
 * The CloudEvents {@code data} of every {@link DirectoryEventTypes directory event}: exactly one of {@code user} and
 * {@code group} is set. Schema: {@code schemas/directory-event.schema.json}.
 *
 * @param principalType USER or GROUP
 * @param principalId   the user or group id (also the Kafka key)
 * @param version       grows with every change of this principal; consumers drop anything older
 * @param removed       true when the principal was removed (the snapshot is its last state)
 * @param actorId       the admin who made the change
 * @param occurredAt    when the change was committed
 */
public record DirectoryEvent(String principalType, String principalId, long version, boolean removed,
        String actorId, Instant occurredAt, User user, Group group) {

    public record User(String id, String name, String email) {
    }

    /** @param memberIds user ids of every member */
    public record Group(String id, String name, String description, List<String> memberIds) {
    }
}
