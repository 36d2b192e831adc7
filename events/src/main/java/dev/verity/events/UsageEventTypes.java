package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values on {@link Topics#USAGE}, published by card-service. */
public final class UsageEventTypes {

    /**
     * A card's usage over the last {@code windowDays} days, published at an interval for the cards whose usage changed
     * since the last report (never one event per view): a {@link CardUsageReported}.
     */
    public static final String REPORTED = "dev.verity.usage.reported";

    /**
     * A card of a collection with auto-archive on has not been viewed or edited for long: it will be archived at
     * {@code archiveAt} unless someone views or edits it first. An {@link ArchiveScheduled}.
     */
    public static final String ARCHIVE_SCHEDULED = "dev.verity.usage.archive-scheduled";

    public static final Set<String> ALL = Set.of(REPORTED, ARCHIVE_SCHEDULED);

    private UsageEventTypes() {
    }
}
