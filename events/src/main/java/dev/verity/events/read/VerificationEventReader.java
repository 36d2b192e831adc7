package dev.verity.events.read;

import dev.verity.events.EventTypes;
import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the events on {@code verity.verifications}: strict on what a notifier relies on (the card, its title, who
 * verifies it, who acted, when), tolerant of the rest.
 */
public final class VerificationEventReader implements EventReader<VerificationEvent> {

    /** Every verification event type. */
    public static final VerificationEventReader ALL = new VerificationEventReader();

    private static final Set<String> STATUSES = Set.of(VerificationStatuses.VERIFIED, VerificationStatuses.UNVERIFIED);

    private VerificationEventReader() {
    }

    /** The event's data, or empty for a type that is not a verification event. */
    @Override
    public Optional<VerificationEvent> read(String eventId, String type, String json) {
        type = EventTypes.normalise(type); // legacy bare names are read as their current names
        if (!VerificationEventTypes.ALL.contains(type)) {
            return Optional.empty();
        }
        VerificationEvent data = EventReader.bind(eventId, type, json, VerificationEvent.class);
        String problem = null;
        if (data.cardId() == null || data.cardVersion() < 1) {
            problem = "lacks cardId or a cardVersion of at least 1";
        } else if (data.cardTitle() == null || data.cardTitle().isBlank()) {
            problem = "has no cardTitle";
        } else if (data.verifierId() == null || data.verifierId().isBlank()) {
            problem = "has no verifierId";
        } else if (!STATUSES.contains(data.status())) {
            problem = "status " + data.status() + " is neither VERIFIED nor UNVERIFIED";
        } else if (data.actorId() == null || data.occurredAt() == null) {
            problem = "lacks actorId or occurredAt";
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(data);
    }
}
