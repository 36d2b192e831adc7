package dev.verity.verification.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.DirectoryEvent;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Reads the events on {@code verity.directory}: tolerant of new fields, strict on what the membership copy relies
 * on. The same checks as notification-service's reader (to be shared from platform).
 */
@ApplicationScoped
public class DirectoryEventReader {

    /** A directory event that passed the checks, and whether it removes its principal. */
    public record Change(DirectoryEvent event, boolean removal) {
    }

    private final ObjectMapper reader;

    DirectoryEventReader(ObjectMapper mapper) {
        // tolerant reader: the directory may add fields before this service knows them
        this.reader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The event's data, or empty for a type that is not a directory change (not ours to apply).
     *
     * @throws MalformedEventException when the data can never be applied (so it is dead-lettered, not retried)
     */
    public Optional<Change> changeOf(IncomingCloudEvent event) {
        if (!DirectoryEventTypes.ALL.contains(event.type())) {
            return Optional.empty();
        }
        DirectoryEvent data = event.dataAs(reader, DirectoryEvent.class);
        boolean userType = event.type().startsWith("directory.user.");
        boolean removal = DirectoryEventTypes.USER_REMOVED.equals(event.type())
                || DirectoryEventTypes.GROUP_REMOVED.equals(event.type());
        String id = data.principalId();
        String problem = null;
        if (id == null || id.isBlank()) {
            problem = "has no principalId";
        } else if (!(userType ? "USER" : "GROUP").equals(data.principalType())) {
            problem = "principalType " + data.principalType() + " does not fit the type";
        } else if (data.version() < 1) {
            problem = "version " + data.version() + " must be at least 1";
        } else if (data.removed() != removal) {
            problem = "removed=" + data.removed() + " contradicts the type";
        } else if (data.occurredAt() == null) {
            problem = "has no occurredAt";
        } else if (userType && (data.user() == null || !id.equals(data.user().id()) || data.user().name() == null)) {
            problem = "user snapshot is missing, lacks a name or does not match principalId " + id;
        } else if (!userType && (data.group() == null || !id.equals(data.group().id()) || data.group().name() == null
                || data.group().memberIds() == null || data.group().memberIds().stream().anyMatch(m -> m == null))) {
            problem = "group snapshot is missing, lacks a name or members, or does not match principalId " + id;
        }
        if (problem != null) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") " + problem);
        }
        return Optional.of(new Change(data, removal));
    }
}
