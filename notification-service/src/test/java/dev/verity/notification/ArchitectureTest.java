package dev.verity.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.verity.testing.HouseRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The house rules on notification-service's production classes (plain JUnit, no Quarkus boot): no package cycles, no
 * other service, resources touch only their own subdomain's repositories and entities, and only repositories run SQL.
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

    /**
     * Stricter than the house's {@code onlyRepositoriesQuery} (the {@code EntityManager} alone): no JDBC either, which
     * is how the multi-row inserts and the delivery claims run. Entities' Panache queries (HQL, no SQL) stay where they
     * are used. No allow-list: the delivery queue's claims and records are its stores', which are repositories.
     */
    @Test
    void onlyRepositoriesRunSql() {
        noClasses().that().resideInAPackage(BASE + "..")
                .and(DescribedPredicate.describe("are not repositories (*Repository and what they nest)",
                        (JavaClass c) -> !topLevel(c).getSimpleName().endsWith("Repository")))
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "run SQL (EntityManager, Hibernate Session, DataSource, JDBC)",
                        (JavaClass c) -> SQL_TYPES.contains(c.getName()) || c.getPackageName().equals("java.sql")))
                .because("only repositories run SQL: use cases and senders ask a repository")
                .check(CLASSES);
    }

    private static final Set<String> SQL_TYPES = Set.of("jakarta.persistence.EntityManager",
            "org.hibernate.Session", "org.hibernate.SharedSessionContract", "javax.sql.DataSource");

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @Test
    void resourcesAreNamedResource() {
        HouseRules.resourcesNamedResource(BASE).check(CLASSES);
    }
}
