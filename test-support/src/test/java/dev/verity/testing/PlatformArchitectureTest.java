package dev.verity.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The {@link HouseRules} that hold for platform, checked here because test-support builds on platform (platform's own
 * tests cannot use test-support). Platform is plumbing: its inbox and outbox query the database themselves.
 */
class PlatformArchitectureTest {

    private static final String PLATFORM = "dev.verity.platform";
    private static final JavaClasses CLASSES = HouseRules.classesOf(PLATFORM);

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        HouseRules.noPackageCycles(PLATFORM).check(CLASSES);
    }

    @Test
    void platformBuildsOnEventsAlone() {
        HouseRules.sharesOnlyEventsAndPlatform(PLATFORM).check(CLASSES);
    }

    @Test
    void resourcesAreNamedResource() {
        HouseRules.resourcesNamedResource(PLATFORM).check(CLASSES);
    }
}
