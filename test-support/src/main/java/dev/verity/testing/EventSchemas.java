package dev.verity.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.verity.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks an event's data against the published JSON Schema of its type (the schemas in {@code events}, as
 * docs/asyncapi.yaml names them), so every event a test sees a service publish is also a conformance check.
 * Plain Java (Jackson, networknt json-schema-validator, kafka-clients): the e2e suite uses it outside Quarkus too.
 */
public final class EventSchemas {

    /** The CloudEvents sources of Verity's publishers; test fixtures publish from others ({@code /tests}). */
    public static final Set<String> PUBLISHERS = Set.of("/card-service", "/verification-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /**
     * The violations of {@code data} against the schema of {@code type} (legacy names read as current ones); one
     * entry naming the problem when the type is not a Verity type or the data is not JSON. Empty: it conforms.
     */
    public static List<String> violations(String type, String data) {
        String current = EventTypes.normalise(type);
        String resource = EventTypes.SCHEMA.get(current);
        if (resource == null) {
            return List.of("type " + type + " is not in the catalogue");
        }
        JsonNode json;
        try {
            json = data == null ? null : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return List.of("data is not JSON: " + e.getOriginalMessage());
        }
        if (json == null) {
            return List.of("has no data");
        }
        Set<ValidationMessage> messages = SCHEMAS.computeIfAbsent(resource, EventSchemas::load).validate(json);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Fails, naming the type, id, topic and violations, when a record a Verity service published (by its
     * {@code ce_source}) does not conform. Records from other sources are test fixtures, some malformed on purpose
     * (to test dead-lettering), and are left alone.
     */
    public static void requireConforming(ConsumerRecord<String, String> record) {
        String source = header(record, "ce_source");
        if (!PUBLISHERS.contains(source)) {
            return;
        }
        String type = header(record, "ce_type");
        List<String> violations = violations(type, record.value());
        if (!violations.isEmpty()) {
            throw new AssertionError("event " + header(record, "ce_id") + " (" + type + ") from " + source + " on "
                    + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " does not conform to its schema: " + violations);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = EventTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the classpath");
            }
            // formats asserted (date-time, uuid): a producer writing "yesterday" for a time must fail here
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
