package dev.verity.search;

import dev.verity.testing.TestOutages;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;

/**
 * The limits an Elasticsearch outage must outlive, in seconds rather than minutes, for the outage tests
 * ({@link IndexingFaultsTest}, {@link BulkIndexingTest}; one profile, so one application start for both): how long
 * a request to a frozen Elasticsearch hangs (socket timeout), the consumers' back-off ceiling, and how many attempts
 * an unrecognised failure gets before it is dead-lettered. With these a {@link TestOutages#outage()} of 30 s outlives
 * the whole retry budget of an unrecognised failure (12 s) twice over, which is what a 2-minute outage proved against
 * the production limits (30 s, 15 s, 8 attempts); that one still runs in {@code ./verity bench faults}. The socket
 * timeout stays long enough for the index's creation and a large {@code _bulk} on a busy machine.
 */
public class ShortOutageLimits implements QuarkusTestProfile {

    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    static final int UNKNOWN_FAILURE_ATTEMPTS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.elasticsearch.socket-timeout", SOCKET_TIMEOUT.toMillis() + "ms",
                "verity.consumer.initial-backoff", "100ms",
                "verity.consumer.max-backoff", MAX_BACKOFF.toMillis() + "ms",
                "verity.consumer.unknown-failure-attempts", String.valueOf(UNKNOWN_FAILURE_ATTEMPTS));
    }

    /**
     * How long an unrecognised failure would be retried against a frozen Elasticsearch before it is dead-lettered:
     * each attempt hangs for the socket timeout, then backs off (at most the ceiling).
     */
    static Duration unknownFailureBudget() {
        return SOCKET_TIMEOUT.plus(MAX_BACKOFF).multipliedBy(UNKNOWN_FAILURE_ATTEMPTS);
    }

    /** The outage tests' outage, checked to outlive {@link #unknownFailureBudget()} twice over. */
    static Duration outage() {
        Duration outage = TestOutages.outage();
        if (outage.compareTo(unknownFailureBudget().multipliedBy(2)) < 0) {
            throw new IllegalStateException("an outage of " + outage + " does not clearly outlive the retry budget of "
                    + unknownFailureBudget() + "; use at least twice that");
        }
        return outage;
    }
}
