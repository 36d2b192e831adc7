package dev.verity.platform.consumer;

import dev.verity.events.read.InvalidEventException;
import dev.verity.platform.cloudevents.MalformedEventException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells an outage from an event that can never succeed. The cause chain is walked outside-in and the first
 * recognised cause decides, so a service can wrap a low-level error (an HTTP 400 from Elasticsearch is an
 * {@code IOException} underneath) in an {@link EventRejectedException} to say "never retry this".
 */
public final class Failures {

    /** What to do with an event whose effect threw. */
    public enum Kind {
        /** A dependency is away (connection refused, timeout, database restarting): wait it out, however long. */
        TRANSIENT,
        /** The event can never succeed (malformed, refused by a rule): dead-letter it at once. */
        PERMANENT,
        /** Not recognised (most likely a bug): retried a bounded number of times, then dead-lettered for re-drive. */
        UNKNOWN
    }

    /**
     * SQLSTATE classes that describe the database, not the statement: 08 connection, 40 transaction rollback
     * (serialization failure, deadlock), 53 insufficient resources, 57 operator intervention (admin shutdown,
     * starting up), 58 system error. Also 55P03 (lock not available).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof MalformedEventException || t instanceof InvalidEventException
                    || t instanceof EventRejectedException) {
                return Kind.PERMANENT;
            }
            if (t instanceof DependencyUnavailableException || t instanceof IOException
                    || t instanceof RetriableException || t instanceof SQLTransientException) {
                return Kind.TRANSIENT;
            }
            if (t instanceof SQLException sql) {
                return transientSqlState(sql.getSQLState()) ? Kind.TRANSIENT : Kind.UNKNOWN;
            }
        }
        return Kind.UNKNOWN;
    }

    /** A missing state is what the connection pool reports when it cannot hand out a connection at all. */
    static boolean transientSqlState(String state) {
        if (state == null || state.length() < 2) {
            return true;
        }
        return TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)) || "55P03".equals(state);
    }
}
