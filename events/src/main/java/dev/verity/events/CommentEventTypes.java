package dev.verity.events;

import java.util.Set;

/** CloudEvents {@code type} values on {@link Topics#COMMENTS}; every one carries a {@link CommentEvent}. */
public final class CommentEventTypes {

    /** A new comment; {@code comment.mentions} lists the users it @mentions (to notify). */
    public static final String ADDED = "dev.verity.comment.added";
    /** The text changed; {@code newMentions} lists users mentioned for the first time. */
    public static final String EDITED = "dev.verity.comment.edited";
    public static final String RESOLVED = "dev.verity.comment.resolved";
    public static final String REOPENED = "dev.verity.comment.reopened";
    public static final String DELETED = "dev.verity.comment.deleted";

    public static final Set<String> ALL = Set.of(ADDED, EDITED, RESOLVED, REOPENED, DELETED);

    private CommentEventTypes() {
    }
}
