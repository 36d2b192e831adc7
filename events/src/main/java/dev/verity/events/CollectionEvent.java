package dev.verity.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The CloudEvents {@code data} of every {@link CollectionEventTypes collection event}. Schema:
 * {@code schemas/collection-event.schema.json}.
 *
 * @param collectionId the collection (also the Kafka key)
 * @param version      the collection's version after the change; consumers drop anything older
 * @param actorId      who changed it
 * @param occurredAt   when the change was committed
 * @param collection   its full state, access list included
 */
public record CollectionEvent(UUID collectionId, long version, String actorId, Instant occurredAt,
        Snapshot collection) {

    /**
     * @param defaultVerifierId               user or group that verifies new cards unless they name another
     * @param defaultVerificationIntervalDays 7, 14, 30, 90, 180 or 365
     * @param defaultVerifyOn                 a fixed date instead of the interval, or null
     * @param access                          who may do what; the highest role a person holds wins
     * @param folders                         the collection's whole folder tree, flat (each names its parent);
     *                                        empty when it has none, and read as empty from events published before
     *                                        the field existed
     */
    public record Snapshot(UUID id, long version, String name, String description, String color,
            String defaultVerifierId, int defaultVerificationIntervalDays, LocalDate defaultVerifyOn,
            List<AccessGrant> access, Instant createdAt, Instant updatedAt, List<Folder> folders) {

        public Snapshot {
            folders = folders == null ? List.of() : List.copyOf(folders);
        }
    }

    /**
     * One folder of the collection's tree.
     *
     * @param parentId the folder it sits in, or null at the top level
     * @param position 0-based place among its siblings
     */
    public record Folder(UUID id, UUID parentId, String name, int position) {
    }

    /**
     * @param principalType USER or GROUP
     * @param principalId   the user or group id
     * @param role          READ_ONLY, AUTHOR or COLLECTION_OWNER
     */
    public record AccessGrant(String principalType, String principalId, String role) {
    }
}
