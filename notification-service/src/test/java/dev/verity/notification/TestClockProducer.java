package dev.verity.notification;

import dev.verity.testing.TestClock;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces platform's {@code @DefaultBean} clock with {@link TestClock} in every @QuarkusTest of this module. */
@Dependent
class TestClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return TestClock.INSTANCE;
    }
}
