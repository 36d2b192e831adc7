package dev.verity.events.read;

import dev.verity.events.ArchiveScheduled;
import dev.verity.events.CardUsageReported;
import dev.verity.events.EventTypes;
import dev.verity.events.UsageEventTypes;
import java.util.Optional;

/** Reads the events on {@code verity.usage}: one reader per type a consumer applies, the others are empty. */
public final class UsageEventReader {

    /** {@code usage.reported}: a card's usage (search's popularity). */
    public static final EventReader<CardUsageReported> REPORTS = (id, type, json) -> {
        if (!UsageEventTypes.REPORTED.equals(EventTypes.normalise(type))) {
            return Optional.empty();
        }
        CardUsageReported data = EventReader.bind(id, type, json, CardUsageReported.class);
        if (data.cardId() == null || data.occurredAt() == null || data.windowDays() < 1 || data.views() < 0
                || data.uniqueViewers() < 0 || data.links() < 0) {
            throw new InvalidEventException(id, type, "lacks cardId or occurredAt, or has a negative count");
        }
        return Optional.of(data);
    };

    /** {@code usage.archive-scheduled}: whom to warn that a card will be archived. */
    public static final EventReader<ArchiveScheduled> ARCHIVE_WARNINGS = (id, type, json) -> {
        if (!UsageEventTypes.ARCHIVE_SCHEDULED.equals(EventTypes.normalise(type))) {
            return Optional.empty();
        }
        ArchiveScheduled data = EventReader.bind(id, type, json, ArchiveScheduled.class);
        String problem = null;
        if (data.cardId() == null || data.cardVersion() < 1 || data.collectionId() == null) {
            problem = "lacks cardId, collectionId or a cardVersion of at least 1";
        } else if (data.cardTitle() == null || data.cardTitle().isBlank()) {
            problem = "has no cardTitle";
        } else if (data.archiveAt() == null || data.occurredAt() == null) {
            problem = "lacks archiveAt or occurredAt";
        } else if (data.recipients() == null || data.recipients().stream().anyMatch(r -> r == null
                || r.principalId() == null || r.principalId().isBlank()
                || !("USER".equals(r.principalType()) || "GROUP".equals(r.principalType())))) {
            problem = "has no recipients list, or a recipient that is not a USER or GROUP with an id";
        }
        if (problem != null) {
            throw new InvalidEventException(id, type, problem);
        }
        return Optional.of(data);
    };

    private UsageEventReader() {
    }
}
