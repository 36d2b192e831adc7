package dev.verity.events.read;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.events.CardSnapshot;
import dev.verity.events.EventTypes;
import java.util.Optional;

/** Reads the card events on {@code verity.cards} that carry a snapshot (every type but unknown ones). */
public final class CardEventReader implements EventReader<CardEvent> {

    /** The one instance consumers use: {@code consumer.consume(record, inbox, CardEventReader.SNAPSHOTS, ...)}. */
    public static final CardEventReader SNAPSHOTS = new CardEventReader();

    private CardEventReader() {
    }

    @Override
    public Optional<CardEvent> read(String eventId, String type, String data) {
        type = EventTypes.normalise(type); // legacy bare names are read as their current names
        if (!CardEventTypes.SNAPSHOT_TYPES.contains(type)) {
            return Optional.empty();
        }
        return Optional.of(requireSnapshot(eventId, type, EventReader.bind(eventId, type, data, CardEvent.class)));
    }

    static CardEvent requireSnapshot(String eventId, String type, CardEvent data) {
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
            throw new InvalidEventException(eventId, type, problem);
        }
        return data;
    }
}
