package dev.verity.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The layout every Verity module promises, as rules a plain JUnit test checks in a second (no Quarkus boot):
 * <ul>
 * <li>no package cycles: the packages under a module's base package (its subdomains) depend on each other one way
 * only; what two of them share goes down into a package both use, never sideways;</li>
 * <li>services never import each other: they share only {@code dev.verity.events} (the contract) and
 * {@code dev.verity.platform} (plumbing); platform itself builds on events alone;</li>
 * <li>a resource touches the repositories and entities of its own subdomain only (anything else it asks of that
 * subdomain's services);</li>
 * <li>only repositories ({@code *Repository}) talk to the database: use cases hold no SQL;</li>
 * <li>a JAX-RS resource is named {@code *Resource}.</li>
 * </ul>
 * A service's test extends {@link HouseRulesTest}, which checks every rule on its production classes.
 */
public final class HouseRules {

    /** The services' base packages: none may depend on another's. */
    public static final List<String> SERVICES = List.of("dev.verity.card", "dev.verity.verification",
            "dev.verity.search", "dev.verity.notification");

    private static final String EVENTS = "dev.verity.events..";
    private static final String PLATFORM = "dev.verity.platform..";

    private HouseRules() {
    }

    /** The production classes under {@code basePackage} (tests left out). */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** The sub-packages of {@code basePackage} (with everything below each) depend on each other without cycles. */
    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("what two packages share goes down into a package both use, never sideways");
    }

    /** No class of the service depends on another service's classes. */
    public static ArchRule noOtherService(String basePackage) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(basePackage)).map(s -> s + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(basePackage + "..").should().dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk only through Kafka events; they share events and platform, nothing else");
    }

    /**
     * Of Verity's own code, the module uses only itself, {@code events} and {@code platform}: not another service, not
     * test support, not the local stack or the benchmarks. For platform itself: events alone.
     */
    public static ArchRule sharesOnlyEventsAndPlatform(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..").should().dependOnClassesThat(
                DescribedPredicate.describe("are Verity code other than " + basePackage + ", events and platform",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.verity.")
                                && !within(c, basePackage) && !within(c, "dev.verity.events")
                                && !within(c, "dev.verity.platform")));
    }

    /**
     * A resource (a class annotated {@code @Path}, or a record nested in one) touches the repositories and entities of
     * its own subdomain only: what it needs of another subdomain it asks that subdomain's service.
     */
    public static ArchRule resourcesStayInTheirSubdomain(String basePackage) {
        return classes().that(areResourcesOrNestedInOne()).and().resideInAPackage(basePackage + "..")
                .should(new ArchCondition<>("touch repositories and entities of their own subdomain only") {
                    @Override
                    public void check(JavaClass resource, ConditionEvents events) {
                        for (Dependency dependency : resource.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            if (isStore(target) && within(target, basePackage)
                                    && !subdomain(basePackage, target).equals(subdomain(basePackage, resource))) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                }).allowEmptyShould(true);
    }

    /** Only repositories ({@code *Repository}, and what they nest) use the {@code EntityManager}: use cases hold no SQL. */
    public static ArchRule onlyRepositoriesQuery(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .and(DescribedPredicate.describe("are not repositories",
                        (JavaClass c) -> !topLevel(c).getSimpleName().endsWith("Repository")))
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .allowEmptyShould(true);
    }

    /** A JAX-RS resource says what it is in its name. */
    public static ArchRule resourcesNamedResource(String basePackage) {
        return classes().that().resideInAPackage(basePackage + "..").and().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().haveSimpleNameEndingWith("Resource").allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> areResourcesOrNestedInOne() {
        return DescribedPredicate.describe("are resources or nested in one",
                (JavaClass c) -> topLevel(c).isAnnotatedWith("jakarta.ws.rs.Path"));
    }

    private static boolean isStore(JavaClass c) {
        return topLevel(c).getSimpleName().endsWith("Repository") || c.isAnnotatedWith("jakarta.persistence.Entity");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static boolean within(JavaClass c, String packageName) {
        return c.getPackageName().equals(packageName) || c.getPackageName().startsWith(packageName + ".");
    }

    /** {@code cards} for {@code dev.verity.card.cards.CardResource} under {@code dev.verity.card}. */
    private static String subdomain(String basePackage, JavaClass c) {
        String rest = c.getPackageName().length() > basePackage.length()
                ? c.getPackageName().substring(basePackage.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
