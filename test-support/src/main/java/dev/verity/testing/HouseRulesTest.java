package dev.verity.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The {@link HouseRules} for one service, as plain JUnit tests (no Quarkus boot): a service's {@code ArchitectureTest}
 * extends this with its base package.
 */
public abstract class HouseRulesTest {

    private final String basePackage;
    private final JavaClasses classes;

    protected HouseRulesTest(String basePackage) {
        this.basePackage = basePackage;
        this.classes = HouseRules.classesOf(basePackage);
    }

    @Test
    void subdomainsDependOnEachOtherWithoutCycles() {
        HouseRules.noPackageCycles(basePackage).check(classes);
    }

    @Test
    void noOtherServiceIsImported() {
        HouseRules.noOtherService(basePackage).check(classes);
    }

    @Test
    void onlyEventsAndPlatformAreShared() {
        HouseRules.sharesOnlyEventsAndPlatform(basePackage).check(classes);
    }

    @Test
    void resourcesTouchOnlyTheRepositoriesAndEntitiesOfTheirSubdomain() {
        HouseRules.resourcesStayInTheirSubdomain(basePackage).check(classes);
    }

    @Test
    void onlyRepositoriesQueryTheDatabase() {
        HouseRules.onlyRepositoriesQuery(basePackage).check(classes);
    }

    @Test
    void resourcesAreNamedResource() {
        HouseRules.resourcesNamedResource(basePackage).check(classes);
    }
}
