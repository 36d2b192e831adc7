package dev.verity.notification.webhooks;

import dev.verity.notification.delivery.DeliveryQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th pause of the schedule, varied at
 * random by up to {@code jitter} either way so that a receiver coming back from an outage is not hit by every retry
 * at once. After the last pause's attempt fails too, there is none: the delivery is dead.
 */
public record RetrySchedule(List<Duration> pauses, double jitter) implements DeliveryQueue.RetryPolicy {

    public RetrySchedule {
        pauses = List.copyOf(pauses);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction from 0 up to 1, not " + jitter);
        }
    }

    /** The most attempts a delivery gets: the first and one per pause. */
    public int maxAttempts() {
        return pauses.size() + 1;
    }

    /**
     * The pause before the next attempt after {@code failedAttempts} (at least 1) failed ones, or empty when that was
     * the last. {@code random} gives numbers in [0, 1).
     */
    public Optional<Duration> after(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > pauses.size()) {
            return Optional.empty();
        }
        Duration pause = pauses.get(failedAttempts - 1);
        double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
        return Optional.of(Duration.ofMillis(Math.round(pause.toMillis() * factor)));
    }

    /** {@link #after} with the jitter drawn at random: the delivery queue's policy for webhooks. */
    @Override
    public Optional<Duration> pauseAfter(int failedAttempts) {
        return after(failedAttempts, ThreadLocalRandom.current()::nextDouble);
    }
}
