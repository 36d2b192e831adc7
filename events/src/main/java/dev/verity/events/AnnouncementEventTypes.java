package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values on {@link Topics#ANNOUNCEMENTS}; every one carries an {@link AnnouncementEvent}. */
public final class AnnouncementEventTypes {

    /** An author announced a card; {@code told} lists every recipient to tell (users and members of the groups). */
    public static final String CREATED = "dev.verity.announcement.created";
    /** The author reminded those who have not acknowledged; {@code told} lists them. */
    public static final String REMINDED = "dev.verity.announcement.reminded";
    /** The author asked everyone to acknowledge again after an edit; acknowledgements were reset; {@code told} lists all. */
    public static final String RENEWED = "dev.verity.announcement.renewed";
    /** A recipient acknowledged ("Got it"); {@code actorId} is who; {@code told} is empty. */
    public static final String ACKNOWLEDGED = "dev.verity.announcement.acknowledged";

    public static final Set<String> ALL = Set.of(CREATED, REMINDED, RENEWED, ACKNOWLEDGED);

    /** The types that tell someone: their {@code told} is not empty. */
    public static final Set<String> TELLING = Set.of(CREATED, REMINDED, RENEWED);

    private AnnouncementEventTypes() {
    }
}
