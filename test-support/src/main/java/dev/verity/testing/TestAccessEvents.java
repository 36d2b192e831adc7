package dev.verity.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes who-may-read-what as card-service does: collections with their access lists on verity.collections
 * (key = collection id) and users and groups on verity.directory (key = principal id); binary CloudEvents from
 * source /tests. Each method returns the event id, so a test can wait until a consumer applied it.
 */
public final class TestAccessEvents {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestAccessEvents() {
    }

    public static CollectionEvent.AccessGrant grant(String type, String principalId, String role) {
        return new CollectionEvent.AccessGrant(type, principalId, role);
    }

    public static CollectionEvent.AccessGrant reader(String userId) {
        return grant("USER", userId, "READ_ONLY");
    }

    /** A folder of a collection's tree, as {@link #collection(UUID, long, String, List, CollectionEvent.AccessGrant...)} takes it. */
    public static CollectionEvent.Folder folder(UUID id, UUID parentId, String name, int position) {
        return new CollectionEvent.Folder(id, parentId, name, position);
    }

    /** A collection at {@code version} with this access list (card-service's defaults: its first owner, 90 days). */
    public static String collection(UUID id, long version, String name, CollectionEvent.AccessGrant... access) {
        return collection(id, version, name, List.of(), access);
    }

    /** A collection at {@code version} with this folder tree and access list. */
    public static String collection(UUID id, long version, String name, List<CollectionEvent.Folder> folders,
            CollectionEvent.AccessGrant... access) {
        return publishCollection(id, version, name, version == 1 ? CollectionEventTypes.CREATED
                : CollectionEventTypes.CHANGED, folders, access);
    }

    /** The (empty) collection deleted at {@code version}. */
    public static String collectionDeleted(UUID id, long version, String name) {
        return publishCollection(id, version, name, CollectionEventTypes.DELETED, List.of());
    }

    private static String publishCollection(UUID id, long version, String name, String type,
            List<CollectionEvent.Folder> folders, CollectionEvent.AccessGrant... access) {
        String owner = List.of(access).stream().filter(g -> g.role().equals("COLLECTION_OWNER"))
                .map(CollectionEvent.AccessGrant::principalId).findFirst().orElse("alice");
        Instant now = Instant.now();
        CollectionEvent event = new CollectionEvent(id, version, owner, now, new CollectionEvent.Snapshot(id, version,
                name, null, null, owner, 90, null, List.of(access), now, now, folders));
        String eventId = UUID.randomUUID().toString();
        TestKafka.publish(Topics.COLLECTIONS, id.toString(), eventId, type, json(event));
        return eventId;
    }

    public static String group(String groupId, long version, String... members) {
        DirectoryEvent event = new DirectoryEvent("GROUP", groupId, version, false, "admin", Instant.now(), null,
                new DirectoryEvent.Group(groupId, groupId, null, new ArrayList<>(List.of(members))));
        return publishDirectory(groupId, DirectoryEventTypes.GROUP_CHANGED, event);
    }

    public static String groupRemoved(String groupId, long version) {
        DirectoryEvent event = new DirectoryEvent("GROUP", groupId, version, true, "admin", Instant.now(), null,
                new DirectoryEvent.Group(groupId, groupId, null, List.of()));
        return publishDirectory(groupId, DirectoryEventTypes.GROUP_REMOVED, event);
    }

    /** A directory user at {@code version} with this email (the Slack app identifies people by it). */
    public static String user(String userId, long version, String email) {
        DirectoryEvent event = new DirectoryEvent("USER", userId, version, false, "admin", Instant.now(),
                new DirectoryEvent.User(userId, userId, email), null);
        return publishDirectory(userId, DirectoryEventTypes.USER_CHANGED, event);
    }

    public static String userRemoved(String userId, long version) {
        DirectoryEvent event = new DirectoryEvent("USER", userId, version, true, "admin", Instant.now(),
                new DirectoryEvent.User(userId, userId, null), null);
        return publishDirectory(userId, DirectoryEventTypes.USER_REMOVED, event);
    }

    private static String publishDirectory(String principalId, String type, DirectoryEvent event) {
        String eventId = UUID.randomUUID().toString();
        TestKafka.publish(Topics.DIRECTORY, principalId, eventId, type, json(event));
        return eventId;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
