package dev.verity.events.read;

import dev.verity.events.VerificationEvent;
import dev.verity.events.VerificationEventTypes;
import dev.verity.events.VerificationStatuses;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the events on {@code verity.verifications}: strict on what consumers key and order by (card id, status,
 * occurredAt).
 */
public final class VerificationEventReader implements EventReader<VerificationEvent> {

    public static final VerificationEventReader CHANGES = new VerificationEventReader();

    private static final Set<String> STATUSES = Set.of(VerificationStatuses.VERIFIED, VerificationStatuses.UNVERIFIED);

    private VerificationEventReader() {
    }

    /** The event's data, or empty for a type that is not a verification event. */
    @Override
    public Optional<VerificationEvent> read(String eventId, String type, String json) {
        if (!VerificationEventTypes.ALL.contains(type)) {
            return Optional.empty();
        }
        VerificationEvent data = EventReader.bind(eventId, type, json, VerificationEvent.class);
        String problem = null;
        if (data.cardId() == null) {
            problem = "has no cardId";
        } else if (!STATUSES.contains(data.status())) {
            problem = "status " + data.status() + " is neither VERIFIED nor UNVERIFIED";
        } else if (data.occurredAt() == null) {
            problem = "has no occurredAt";
        } else if (data.verifierId() == null || data.verifierId().isBlank()) {
            problem = "has no verifierId";
        }
        if (problem != null) {
            throw new InvalidEventException(eventId, type, problem);
        }
        return Optional.of(data);
    }
}
