package dev.verity.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import dev.verity.events.CollectionEventTypes;
import dev.verity.events.CommentEventTypes;
import dev.verity.events.DirectoryEventTypes;
import dev.verity.events.EventTypes;
import dev.verity.events.VerificationEventTypes;
import dev.verity.stack.DevKeys;
import dev.verity.stack.LocalStack;
import dev.verity.stack.VeritySystem;
import dev.verity.testing.EventSchemas;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every event the services published on the shared test broker conforms to the JSON Schema of its type, the one
 * docs/asyncapi.yaml names. In {@code ./verity test} this module runs after the others on the same broker, so it
 * reads, from the beginning, every {@code verity.*} topic of every instance ({@code test.<module>.} of the module suites,
 * {@code e2e.} of this suite, none of a local {@code ./verity run}'s either): whatever any suite made the services
 * publish. Run alone, it first drives the services through a card's life itself, so it always checks something.
 * Events from test fixtures (other sources than the services) are left out: some are malformed on purpose. The
 * services' processes are the suite's shared ones ({@link E2eSystem}).
 */
@ExtendWith(E2eSystem.class)
class EventSchemaConformanceIT {

    /** A topic of any instance carrying events (not a dead-letter topic: those hold what consumers refused). */
    private static final Pattern EVENT_TOPIC =
            Pattern.compile("^([a-z0-9-]+\\.)*verity\\.(cards|comments|collections|directory|verifications)$");
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    /** What this class makes the services publish, at least, so a run alone proves something. */
    private static final Set<String> DRIVEN = Set.of(CardEventTypes.CREATED, CardEventTypes.UPDATED,
            CardEventTypes.ARCHIVED, CardEventTypes.RESTORED, CommentEventTypes.ADDED, CommentEventTypes.RESOLVED,
            CollectionEventTypes.CREATED, DirectoryEventTypes.USER_CHANGED, VerificationEventTypes.STARTED,
            VerificationEventTypes.VERIFIED,
            VerificationEventTypes.UNVERIFIED);

    private static VeritySystem system;
    private static LocalStack stack;

    @BeforeAll
    static void startServicesAndDriveACardThroughItsLife() {
        stack = LocalStack.fromEnvironment();
        system = E2eSystem.system();
        DevKeys keys = DevKeys.ensure(stack.config().home());
        String alice = keys.mintToken("alice-schema", "Alice", "alice@example.com", Set.of(), Duration.ofHours(1));
        String bob = keys.mintToken("bob-schema", "Bob", "bob@example.com", Set.of(), Duration.ofHours(1));
        String admin = keys.mintToken("admin-schema", "Admin", "admin@example.com", Set.of(DevKeys.ADMIN_GROUP),
                Duration.ofHours(1));
        String cards = system.baseUrl("card-service");

        given().baseUri(cards).auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Bob"))
                .put("/directory/users/bob-schema").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String collection = given().baseUri(cards).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Schemas " + UUID.randomUUID(), "access",
                        List.of(Map.of("principalType", "USER", "principalId", "bob-schema", "role", "AUTHOR"))))
                .post("/collections").then().statusCode(201).extract().path("id");
        String card = given().baseUri(cards).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("collectionId", collection, "title", "Which schema?", "body", "The **published** one.",
                        "tags", List.of("contracts")))
                .post("/cards").then().statusCode(201).extract().path("id");
        given().baseUri(cards).auth().oauth2(bob).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("title", "Which schema, really?", "body", "The published one, always."))
                .put("/cards/" + card).then().statusCode(200);
        String comment = given().baseUri(cards).auth().oauth2(bob).contentType(ContentType.JSON)
                .body(Map.of("body", "Is this still true?")).post("/cards/" + card + "/comments")
                .then().statusCode(201).extract().path("id");
        given().baseUri(cards).auth().oauth2(alice).post("/cards/" + card + "/comments/" + comment + "/resolve")
                .then().statusCode(200);
        given().baseUri(cards).auth().oauth2(alice).header("If-Match", "\"2\"").post("/cards/" + card + "/archive")
                .then().statusCode(200);
        given().baseUri(cards).auth().oauth2(alice).header("If-Match", "\"3\"").post("/cards/" + card + "/restore")
                .then().statusCode(200);
        // bob's edit left it UNVERIFIED (he is not its verifier); alice verifies it once verification-service knows it
        await().atMost(PROPAGATION).untilAsserted(() -> given().baseUri(system.baseUrl("verification-service"))
                .auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("comment", "checked"))
                .post("/verifications/" + card + "/verify").then().statusCode(200));
    }

    @Test
    void everyEventAServicePublishedConformsToTheSchemaOfItsType() {
        Map<String, Integer> checkedByType = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            checkedByType.clear();
            failures.clear();
            readEveryEventTopic(record -> {
                String source = header(record, "ce_source");
                if (!EventSchemas.PUBLISHERS.contains(source)) {
                    return;
                }
                String type = header(record, "ce_type");
                checkedByType.merge(EventTypes.normalise(type), 1, Integer::sum);
                List<String> violations = EventSchemas.violations(type, record.value());
                if (!violations.isEmpty()) {
                    failures.add(header(record, "ce_id") + " (" + type + ") on " + record.topic() + "-"
                            + record.partition() + "@" + record.offset() + ": " + violations);
                }
            });
            Set<String> missing = new TreeSet<>(DRIVEN);
            missing.removeAll(checkedByType.keySet());
            assertTrue(missing.isEmpty(), "not yet published: " + missing);
        });
        System.out.println("[event-schemas] checked " + checkedByType.values().stream().mapToInt(i -> i).sum()
                + " events by type: " + checkedByType);
        assertTrue(failures.isEmpty(), () -> failures.size() + " events do not conform to their schema:\n"
                + String.join("\n", failures.subList(0, Math.min(50, failures.size()))));
    }

    /** Reads every event topic on the broker from its beginning to its current end. */
    private static void readEveryEventTopic(java.util.function.Consumer<ConsumerRecord<String, String>> check)
            throws Exception {
        String bootstrap = stack.endpoints().kafkaBootstrap();
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = new TreeSet<>(admin.listTopics().names().get());
        }
        topics.removeIf(t -> !EVENT_TOPIC.matcher(t).matches());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "event-schema-conformance-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.values().removeIf(offset -> offset == 0);
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    check.accept(record);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
