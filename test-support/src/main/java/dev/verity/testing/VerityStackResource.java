package dev.verity.testing;

import dev.verity.stack.DevKeys;
import dev.verity.stack.Endpoints;
import dev.verity.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at the real PostgreSQL, Kafka and Elasticsearch of the local stack. The stack is
 * started on first use and deliberately left running: the next module's tests reuse it, and the test command
 * stops it at the very end ({@code ./verity test}). Each service gets its own test database and, so that modules can be
 * tested side by side on the one broker, its own Kafka topics ({@link TestKafka#TOPIC_PREFIX}).
 *
 * <p>The tests tagged {@code outage} kill or freeze one of the servers; they run on a side stack of their own (a
 * second home and every port moved by {@code verity.stack.port-shift}, see the parent pom), so that the shared stack
 * never goes away under a neighbouring module's tests.
 *
 * <p>Init arg {@code database}: the database name (e.g. {@code verity_card_test}).
 */
public class VerityStackResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("VerityStackResource needs the init arg 'database'");
        }
    }

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.fromEnvironment();
        Endpoints endpoints = stack.ensureStarted();
        stack.ensureDatabase(database);
        DevKeys keys = DevKeys.ensure(endpoints.home());

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl(database));
        config.put("quarkus.datasource.username", endpoints.pgUser());
        if (!endpoints.pgPassword().isEmpty()) {
            config.put("quarkus.datasource.password", endpoints.pgPassword());
        }
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrap());
        // this module's own topics (TestKafka), also over the platform's %test default "test."
        config.put("verity.kafka.topic-prefix", TestKafka.TOPIC_PREFIX);
        config.put("quarkus.elasticsearch.hosts", endpoints.elasticsearchHost());
        config.put("mp.jwt.verify.publickey.location", keys.publicKeyPem().toAbsolutePath().toString());
        config.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
        return config;
    }

    /**
     * Leaves the shared stack running on purpose (see the class comment). A side stack, which a module's outage tests
     * run on ({@code verity.stack.stop-after-tests}, set by the parent pom), is nobody else's: it is stopped here, so
     * its servers do not sit on memory while the other modules' tests run.
     */
    @Override
    public void stop() {
        if (Boolean.getBoolean("verity.stack.stop-after-tests")) {
            LocalStack.fromEnvironment().stop();
        }
    }
}
