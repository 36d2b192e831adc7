package dev.verity.platform.cards;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.platform.cloudevents.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** How every consumer reads the card events on {@code verity.cards}: tolerant of new fields, strict on what it relies on. */
@ApplicationScoped
public class CardEventReader {

    private final ObjectMapper reader;

    CardEventReader(ObjectMapper mapper) {
        // tolerant reader: card-service may add snapshot fields before a consumer knows them
        this.reader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The event's snapshot data, or empty when the event is of a type that carries none (not ours to apply).
     *
     * @throws MalformedEventException when the data can never be applied (so it is dead-lettered, not retried)
     */
    public Optional<CardEvent> snapshotOf(IncomingCloudEvent event) {
        if (!CardEventTypes.SNAPSHOT_TYPES.contains(event.type())) {
            return Optional.empty();
        }
        return Optional.of(requireSnapshot(event, event.dataAs(reader, CardEvent.class)));
    }

    static CardEvent requireSnapshot(IncomingCloudEvent event, CardEvent data) {
        CardSnapshot card = data.card();
        String problem = null;
        if (card == null) {
            problem = "has no card snapshot";
        } else if (card.id() == null || !card.id().equals(data.cardId())) {
            problem = "card.id " + card.id() + " does not match cardId " + data.cardId();
        } else if (card.version() < 1 || card.version() != data.cardVersion()) {
            problem = "card.version " + card.version() + " must be at least 1 and equal cardVersion "
                    + data.cardVersion();
        } else if (card.title() == null || card.authorId() == null || card.createdAt() == null) {
            problem = "card snapshot lacks title, authorId or createdAt";
        }
        if (problem != null) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") " + problem);
        }
        return data;
    }
}
