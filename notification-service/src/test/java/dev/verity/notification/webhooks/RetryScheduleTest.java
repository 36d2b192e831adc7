package dev.verity.notification.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.notification.webhooks.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    @Test
    void theNthFailureWaitsTheNthPauseAndAfterTheLastThereIsNone() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0);
        assertEquals(7, schedule.maxAttempts());
        assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.after(1, () -> 0.5));
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.after(6, () -> 0.5));
        assertEquals(Optional.empty(), schedule.after(7, () -> 0.5));
    }

    @Test
    void theDefaultScheduleSpansMostOfADay() {
        Duration total = DEFAULT.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(total.compareTo(Duration.ofHours(17)) > 0 && total.compareTo(Duration.ofHours(24)) <= 0, total::toString);
    }

    @Test
    void jitterVariesEachPauseByAtMostItsFractionEitherWay() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2);
        assertEquals(Duration.ofMinutes(4), schedule.after(2, () -> 0.0).orElseThrow());
        assertEquals(Duration.ofMinutes(5), schedule.after(2, () -> 0.5).orElseThrow());
        assertTrue(schedule.after(2, () -> 0.999999).orElseThrow().compareTo(Duration.ofMinutes(6)) <= 0);
    }
}
