package dev.verity.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.verity.testing.HouseRules;
import org.junit.jupiter.api.Test;

/**
 * The house rules on notification-service's production classes (plain JUnit, no Quarkus boot): no package cycles, no
 * other service, resources touch only their own subdomain's repositories and entities. Not (yet) the rule that only
 * repositories query the database: the channels' outboxes and senders still run their own SQL.
 */
class ArchitectureTest {

    private static final String BASE = "dev.verity.notification";
    private static final JavaClasses CLASSES = HouseRules.classesOf(BASE);

    @Test
    void subdomainsDependOnEachOtherWithoutCycles() {
        HouseRules.noPackageCycles(BASE).check(CLASSES);
    }

    @Test
    void noOtherServiceIsImported() {
        HouseRules.noOtherService(BASE).check(CLASSES);
    }

    @Test
    void onlyEventsAndPlatformAreShared() {
        HouseRules.sharesOnlyEventsAndPlatform(BASE).check(CLASSES);
    }

    @Test
    void resourcesTouchOnlyTheRepositoriesAndEntitiesOfTheirSubdomain() {
        HouseRules.resourcesStayInTheirSubdomain(BASE).check(CLASSES);
    }

    @Test
    void resourcesAreNamedResource() {
        HouseRules.resourcesNamedResource(BASE).check(CLASSES);
    }
}
