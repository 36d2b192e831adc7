package dev.verity.stack;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Command line for scripts and developers:
 * <pre>
 *   start                      ensure all servers run, print endpoints, exit (servers keep running)
 *   stop                       stop the servers this stack home started
 *   status                     show what runs and who started it
 *   token &lt;subject&gt; [groups...]  print a dev JWT (8 h) for the subject; group verity-admins makes an org admin
 *   run                        start the stack and the four services, load demo cards, wait for Ctrl-C, stop all
 *   run --check                the same, then check that the system shows only its own data (nothing from tests
 *                              or benchmarks), print what it found, stop, and exit 0 or 1
 * </pre>
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) {
        // jose4j logs via SLF4J, which has no provider on this CLI's classpath and would warn on every call.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        try {
            LocalStack stack = LocalStack.fromEnvironment();
            switch (args[0]) {
                case "start" -> {
                    Endpoints e = stack.ensureStarted();
                    DevKeys keys = DevKeys.ensure(e.home());
                    System.out.println();
                    System.out.println("PostgreSQL     " + e.jdbcUrl("<database>") + "  user=" + e.pgUser());
                    System.out.println("Kafka          " + e.kafkaBootstrap());
                    System.out.println("Elasticsearch  " + e.elasticsearchUrl());
                    System.out.println("JWT public key " + keys.publicKeyPem());
                    System.out.println("Stack home     " + e.home());
                }
                case "run" -> run(stack, Arrays.asList(args).contains("--check"));
                case "stop" -> stack.stop();
                case "status" -> {
                    System.out.println("stack home " + stack.config().home());
                    System.out.print(stack.status());
                }
                case "token" -> {
                    if (args.length < 2) {
                        usage();
                        System.exit(2);
                    }
                    String subject = args[1];
                    Set<String> groups = new LinkedHashSet<>(Arrays.asList(args).subList(2, args.length));
                    DevKeys keys = DevKeys.ensure(stack.config().home());
                    System.out.println(keys.mintToken(subject, subject, subject + "@verity.dev", groups, DevKeys.DEV_TOKEN_TTL));
                }
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("[stack] " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: StackMain run [--check] | start | stop | status | token <subject> [groups...]");
        System.err.println("       (token group " + DevKeys.ADMIN_GROUP + " makes an org admin on the local system)");
    }

    /** The RUN command: everything up, demo data in, tokens printed; Ctrl-C stops what this run started. */
    private static void run(LocalStack stack, boolean check) {
        boolean stackWasRunning = stack.status().allRunning();
        // a busy laptop (or a CI machine running other builds) can need minutes to boot five JVMs
        java.time.Duration ready = java.time.Duration.ofSeconds(Long.getLong("verity.ready-timeout-seconds", 300));
        VeritySystem system = VeritySystem.start(VeritySystem.projectRoot(), stack, "", 0, System.out, ready);
        // the browser app, unless this checkout was built without it (e.g. `mvn -pl card-service -am install`)
        boolean web = java.nio.file.Files.isRegularFile(
                VeritySystem.projectRoot().resolve("web/target/quarkus-app/quarkus-run.jar"));
        if (web) {
            system.startWeb(System.out, ready);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("[run] stopping the services...");
            system.close();
            if (!stackWasRunning) {
                System.out.println("[run] stopping the stack this run started...");
                stack.stop();
            } else {
                System.out.println("[run] the stack was already running before this run; left running (./verity stop)");
            }
        }, "verity-run-shutdown"));

        DevKeys keys = DevKeys.ensure(stack.config().home());
        String alice = keys.mintToken("alice", "Alice Author", "alice@verity.dev", Set.of(), DevKeys.DEV_TOKEN_TTL);
        String bob = keys.mintToken("bob", "Bob Agent", "bob@verity.dev", Set.of(), DevKeys.DEV_TOKEN_TTL);
        String admin = keys.mintToken("admin", "Ada Admin", "admin@verity.dev", Set.of(DevKeys.ADMIN_GROUP),
                DevKeys.DEV_TOKEN_TTL);

        System.out.println();
        // the demo cards live in the stack's databases, so they are loaded once per stack home
        java.nio.file.Path marker = stack.config().home().resolve("demo-data.loaded");
        if (java.nio.file.Files.exists(marker)) {
            System.out.println("[run] demo cards were loaded on an earlier run (delete " + marker + " to load them again)");
        } else {
            System.out.println("[run] loading demo data: users alice, bob, admin; groups support, billing-experts;"
                    + " alice's collection \"Support handbook\" and its cards...");
            java.util.List<String> created = DemoData.load(system.baseUrl("card-service"), admin, alice);
            created.forEach(line -> System.out.println("      " + line));
            System.out.println("[run] demo verification states:");
            VerificationDemo.apply(created, system.baseUrl("verification-service"), stack.endpoints(),
                    "verity_verification", alice, bob).forEach(line -> System.out.println("      " + line));
            try {
                java.nio.file.Files.write(marker, created);
            } catch (java.io.IOException e) {
                System.out.println("[run] could not record " + marker + ": " + e.getMessage());
            }
        }

        if (check) {
            boolean clean = IsolationCheck.verify(stack.endpoints(), "cards", java.time.Duration.ofMinutes(2),
                    System.out);
            System.out.println(clean ? "[check] OK: the system shows only its own data"
                    : "[check] FAILED: the system shows data it did not write (see above)");
            System.exit(clean ? 0 : 1); // the shutdown hook stops the services and what this run started
        }

        System.out.println();
        if (web) {
            System.out.println("Verity is running. Open the app (sign in as alice, bob or admin):");
            System.out.println("  " + system.baseUrl("web"));
            System.out.println();
        } else {
            System.out.println("Verity is running (the web app was not built: mvn -pl web -am install).");
        }
        System.out.println("Swagger UI of each service:");
        for (ServiceProcess process : system.processes()) {
            if (!process.name().equals("web")) {
                System.out.printf("  %-21s %s/q/swagger-ui%n", process.name(), process.baseUrl());
            }
        }
        System.out.println();
        System.out.println("Demo tokens (valid 8 h; mint more with ./verity token <user> [groups...]):");
        System.out.println("  alice (author, verifier of the demo cards):");
        System.out.println("    " + alice);
        System.out.println("  bob (support agent):");
        System.out.println("    " + bob);
        System.out.println("  admin (group " + DevKeys.ADMIN_GROUP + ", an org admin):");
        System.out.println("    " + admin);
        System.out.println();
        System.out.println("Try:");
        System.out.println("  TOKEN=" + alice.substring(0, 12) + "...   # alice's token above");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" '" + system.baseUrl("search-service")
                + "/search?q=refund'");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + system.baseUrl("notification-service")
                + "/notifications");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + system.baseUrl("verification-service")
                + "/verifications/queue        # what alice must verify");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
