package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values on {@link Topics#DIRECTORY}; every one carries a {@link DirectoryEvent}. */
public final class DirectoryEventTypes {

    public static final String USER_CHANGED = "dev.verity.directory.user.changed";
    public static final String USER_REMOVED = "dev.verity.directory.user.removed";
    /** A group was created, renamed or its members changed; the event lists all members. */
    public static final String GROUP_CHANGED = "dev.verity.directory.group.changed";
    public static final String GROUP_REMOVED = "dev.verity.directory.group.removed";

    public static final Set<String> ALL = Set.of(USER_CHANGED, USER_REMOVED, GROUP_CHANGED, GROUP_REMOVED);

    private DirectoryEventTypes() {
    }
}
