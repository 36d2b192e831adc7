package dev.verity.notification;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the real time, moved by however far a test jumps ahead ({@link #jump}); replaces
 * platform's default clock bean. Tests that jump put it back ({@link #reset}) so the others see real time.
 */
public final class TestClock extends Clock {

    static final TestClock INSTANCE = new TestClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock() {
    }

    static void jump(Duration ahead) {
        INSTANCE.offset.updateAndGet(current -> current.plus(ahead));
    }

    static void reset() {
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

    /** Replaces platform's {@code @DefaultBean} clock in every @QuarkusTest of this module. */
    @Dependent
    static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return INSTANCE;
        }
    }
}
