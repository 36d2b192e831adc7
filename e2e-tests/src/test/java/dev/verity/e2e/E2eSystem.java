package dev.verity.e2e;

import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The four services of instance "e2e", started once for the whole suite and shared by every class that uses
 * {@code @ExtendWith(E2eSystem.class)}: starting them from their jars is most of the suite's time, and no class needs
 * fresh processes (each makes its own users, collections and cards). Stopped when the last test class has run.
 */
final class E2eSystem implements BeforeAllCallback {

    private static final String KEY = E2eSystem.class.getName();

    /**
     * A ceiling for each service to become ready, as the browser tests allow: in {@code ./verity test} they start
     * their own four services beside these (mvn -T 2) on a 2-core machine.
     */
    private static final Duration READY = Duration.ofSeconds(240);

    private static volatile Running running;

    /** The running services; only valid in a class extended with this. */
    static VeritySystem system() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(E2eSystem.class)");
        }
        return running.system();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root context's store closes what it holds after the last class, also when a test failed
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Running(VeritySystem.start(VeritySystem.projectRoot(),
                        LocalStack.fromEnvironment(), "e2e", E2ePorts.offset(), System.out, READY)), Running.class);
    }

    private record Running(VeritySystem system) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            system.close();
        }
    }
}
