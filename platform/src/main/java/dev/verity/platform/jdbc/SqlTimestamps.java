package dev.verity.platform.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A {@code timestamptz} column as a native query hands it back: Hibernate and the PostgreSQL driver return an
 * {@link Instant}, an {@link OffsetDateTime} or a {@link Timestamp} depending on version and mapping, so a repository
 * reading {@code Object[]} rows turns whichever it got into an Instant here.
 */
public final class SqlTimestamps {

    private SqlTimestamps() {
    }

    /** The instant a column value stands for; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
