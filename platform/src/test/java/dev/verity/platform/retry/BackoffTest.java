package dev.verity.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(15));

    @Test
    void theCeilingDoublesPerFailureUpToTheMaximumAndNeverOverflows() {
        assertEquals(200, backoff.ceilingMillis(1));
        assertEquals(400, backoff.ceilingMillis(2));
        assertEquals(12_800, backoff.ceilingMillis(7));
        assertEquals(15_000, backoff.ceilingMillis(8));
        assertEquals(15_000, backoff.ceilingMillis(10_000)); // a day-long outage
    }

    @Test
    void eachDelayLiesBetweenHalfTheCeilingAndTheCeiling() {
        for (int failures = 1; failures < 40; failures++) {
            long ceiling = backoff.ceilingMillis(failures);
            long delay = backoff.delay(failures).toMillis();
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, failures + ": " + delay + " vs " + ceiling);
        }
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
