package dev.verity.verification.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CollectionEvent;
import dev.verity.events.CollectionEventTypes;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/** Reads the events on {@code verity.collections}: tolerant of new fields, strict on what access checks rely on. */
@ApplicationScoped
public class CollectionEventReader {

    private static final Set<String> PRINCIPAL_TYPES = Set.of("USER", "GROUP");
    private static final Set<String> ROLES = Set.of("READ_ONLY", "AUTHOR", "COLLECTION_OWNER");

    private final ObjectMapper reader;

    CollectionEventReader(ObjectMapper mapper) {
        // tolerant reader: card-service may add fields before this service knows them
        this.reader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The event's data, or empty for a type that is not a collection change (not ours to apply).
     *
     * @throws MalformedEventException when the data can never be applied (so it is dead-lettered, not retried)
     */
    public Optional<CollectionEvent> changeOf(IncomingCloudEvent event) {
        if (!CollectionEventTypes.ALL.contains(event.type())) {
            return Optional.empty();
        }
        CollectionEvent data = event.dataAs(reader, CollectionEvent.class);
        CollectionEvent.Snapshot collection = data.collection();
        String problem = null;
        if (data.collectionId() == null || collection == null || !data.collectionId().equals(collection.id())) {
            problem = "has no collection snapshot matching collectionId " + data.collectionId();
        } else if (data.version() < 1) {
            problem = "version " + data.version() + " must be at least 1";
        } else if (collection.name() == null) {
            problem = "collection snapshot lacks a name";
        } else if (collection.access() == null || collection.access().stream().anyMatch(g -> g == null
                || !PRINCIPAL_TYPES.contains(g.principalType()) || g.principalId() == null
                || g.principalId().isBlank() || !ROLES.contains(g.role()))) {
            problem = "access list is missing or has a grant without a USER/GROUP principal or a known role";
        }
        if (problem != null) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") " + problem);
        }
        return Optional.of(data);
    }
}
