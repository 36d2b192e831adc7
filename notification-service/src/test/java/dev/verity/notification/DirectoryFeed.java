package dev.verity.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.Topics;
import dev.verity.testing.TestKafka;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes directory events the way card-service does: binary CloudEvents on verity.directory, keyed by id. */
final class DirectoryFeed {

    /** Version n of a principal changed at {@code EPOCH} + n minutes, unless a test says otherwise. */
    static final Instant EPOCH = Instant.parse("2026-01-01T08:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private DirectoryFeed() {
    }

    /** Publishes {@code directory.group.changed} and returns the event id. */
    static String group(String id, long version, String name, List<String> members) {
        return group(id, version, name, members, EPOCH.plusSeconds(60 * version));
    }

    static String group(String id, long version, String name, List<String> members, Instant at) {
        return publish(DirectoryEventTypes.GROUP_CHANGED, UUID.randomUUID().toString(), groupEvent(id, version, false,
                name, members, at));
    }

    static String groupRemoved(String id, long version, String name) {
        return publish(DirectoryEventTypes.GROUP_REMOVED, UUID.randomUUID().toString(),
                groupEvent(id, version, true, name, List.of(), EPOCH.plusSeconds(60 * version)));
    }

    static DirectoryEvent groupEvent(String id, long version, boolean removed, String name, List<String> members,
            Instant at) {
        return new DirectoryEvent("GROUP", id, version, removed, "admin", at, null,
                new DirectoryEvent.Group(id, name, "The " + name, members));
    }

    /** Publishes {@code directory.user.changed} and returns the event id. */
    static String user(String id, long version, String name) {
        return publish(DirectoryEventTypes.USER_CHANGED, UUID.randomUUID().toString(), new DirectoryEvent("USER", id,
                version, false, "admin", EPOCH.plusSeconds(60 * version), new DirectoryEvent.User(id, name,
                        id + "@example.com"), null));
    }

    static String publish(String type, String eventId, DirectoryEvent event) {
        try {
            TestKafka.publish(Topics.DIRECTORY, event.principalId(), eventId, type, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
