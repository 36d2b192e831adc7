package dev.verity.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When an idle delivery queue passes ({@link DeliveryQueue.Pace}): woken by writes, backing off when idle. */
class DeliveryPaceTest {

    private final DeliveryQueue.Pace pace = new DeliveryQueue.Pace(Duration.ofSeconds(5));

    @Test
    void aQueueThatFindsNothingWaitsLongerEachTimeUpToTheMaximumAndAWakeMakesItDueAtOnce() {
        assertTrue(pace.due(), "the first tick passes");
        for (long seconds : new long[] {1, 2, 4, 5, 5}) {
            pace.idle(pace.wakes());
            assertFalse(pace.due());
            assertEquals(Duration.ofSeconds(seconds), pace.pause());
        }
        pace.wake(); // rows were written and committed
        assertTrue(pace.due());
        assertEquals(Duration.ZERO, pace.pause());
        pace.idle(pace.wakes());
        assertEquals(Duration.ofSeconds(1), pace.pause(), "the pauses start over");
    }

    @Test
    void aWakeWhileAPassIsUnderWayWinsOverThatPasssNothingFound() {
        pace.idle(pace.wakes());
        long atStart = pace.wakes();
        pace.wake(); // committed after the pass's claim looked
        pace.idle(atStart);
        assertTrue(pace.due());
    }

    @Test
    void aRetryFallingDueBringsTheNextPassForward() {
        for (int i = 0; i < 4; i++) {
            pace.idle(pace.wakes());
        }
        pace.dueIn(Duration.ofSeconds(30)); // later than the pause: changes nothing
        assertFalse(pace.due());
        pace.dueIn(Duration.ZERO);
        assertTrue(pace.due());
    }

    @Test
    void aPassThatFoundWorkKeepsTheQueueDue() {
        pace.idle(pace.wakes());
        pace.busy();
        assertTrue(pace.due());
    }
}
