package dev.verity.platform.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.platform.cloudevents.MalformedEventException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void anUnreachableDependencyIsAnOutageHoweverDeepTheCause() {
        RuntimeException wrapped = new IllegalStateException("indexing failed",
                new UncheckedIOException(new ConnectException("Connection refused")));
        assertEquals(Failures.Kind.TRANSIENT, Failures.classify(wrapped));
        assertEquals(Failures.Kind.TRANSIENT, Failures.classify(new TimeoutException("broker away")));
        assertEquals(Failures.Kind.TRANSIENT,
                Failures.classify(new DependencyUnavailableException("HTTP 503", null)));
    }

    @Test
    void databaseStatesOfTheServerAreOutagesAndThoseOfTheStatementAreNot() {
        assertEquals(Failures.Kind.TRANSIENT, classifySql("08006")); // connection failure
        assertEquals(Failures.Kind.TRANSIENT, classifySql("57P01")); // admin shutdown
        assertEquals(Failures.Kind.TRANSIENT, classifySql("57P03")); // cannot connect now (starting up)
        assertEquals(Failures.Kind.TRANSIENT, classifySql("40001")); // serialization failure
        assertEquals(Failures.Kind.TRANSIENT, classifySql(null)); // the pool could not hand out a connection
        assertEquals(Failures.Kind.UNKNOWN, classifySql("23505")); // unique violation: a bug, not an outage
        assertEquals(Failures.Kind.UNKNOWN, classifySql("42P01")); // undefined table
    }

    @Test
    void aRejectionWinsOverTheIoErrorItWraps() {
        RuntimeException rejected = new EventRejectedException("HTTP 400",
                new UncheckedIOException(new java.io.IOException("400 Bad Request")));
        assertEquals(Failures.Kind.PERMANENT, Failures.classify(rejected));
        assertEquals(Failures.Kind.PERMANENT, Failures.classify(new MalformedEventException("no data")));
    }

    @Test
    void anythingElseIsUnknownAndACauseCycleEndsTheWalk() {
        assertEquals(Failures.Kind.UNKNOWN, Failures.classify(new NullPointerException()));
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(Failures.Kind.UNKNOWN, Failures.classify(a));
    }

    private static Failures.Kind classifySql(String state) {
        return Failures.classify(new RuntimeException(new SQLException("boom", state)));
    }
}
