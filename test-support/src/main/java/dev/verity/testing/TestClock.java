package dev.verity.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service's clock in tests: the real time, moved by however far a test jumps ahead ({@link #jump}). A module's
 * tests put it in place of platform's default clock bean with a one-line producer; tests that jump put it back
 * ({@link #reset}) so the others see real time.
 */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock() {
    }

    public static void jump(Duration ahead) {
        INSTANCE.offset.updateAndGet(current -> current.plus(ahead));
    }

    public static void reset() {
        INSTANCE.offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is UTC");
    }
}
