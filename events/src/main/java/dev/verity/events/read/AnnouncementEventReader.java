package dev.verity.events.read;

import dev.verity.events.AnnouncementEvent;
import dev.verity.events.AnnouncementEventTypes;
import dev.verity.events.EventTypes;
import java.util.Optional;

/** Reads the events on {@code verity.announcements} that tell someone: created, reminded and renewed. */
public final class AnnouncementEventReader implements EventReader<AnnouncementEvent> {

    public static final AnnouncementEventReader TELLING = new AnnouncementEventReader();

    private AnnouncementEventReader() {
    }

    /** The event's data when it tells someone; empty for acknowledgements and unknown types. */
    @Override
    public Optional<AnnouncementEvent> read(String eventId, String type, String json) {
        type = EventTypes.normalise(type);
        if (!AnnouncementEventTypes.TELLING.contains(type)) {
            return Optional.empty();
        }
        AnnouncementEvent data = EventReader.bind(eventId, type, json, AnnouncementEvent.class);
        String problem = null;
        if (data.cardId() == null || data.cardVersion() < 1 || data.collectionId() == null) {
            problem = "lacks cardId, collectionId or a cardVersion of at least 1";
        } else if (data.cardTitle() == null || data.cardTitle().isBlank()) {
            problem = "has no cardTitle";
        } else if (data.actorId() == null || data.occurredAt() == null) {
            problem = "lacks actorId or occurredAt";
        } else if (data.announcement() == null || data.announcement().id() == null || data.announcement().round() < 1) {
            problem = "has no announcement with an id and a round";
        } else if (data.told() == null || data.told().stream().anyMatch(u -> u == null || u.isBlank())) {
            problem = "has no told list, or a blank entry in it";
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(data);
    }
}
