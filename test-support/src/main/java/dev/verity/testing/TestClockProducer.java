package dev.verity.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Puts {@link TestClock} in place of platform's default clock in every {@code @QuarkusTest} of every service (this
 * jar is a bean archive: {@code META-INF/beans.xml}). An alternative with a priority, so it also wins over a clock
 * producer a module still declares itself.
 */
@Alternative
@Priority(1)
@Dependent
public class TestClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return TestClock.INSTANCE;
    }
}
