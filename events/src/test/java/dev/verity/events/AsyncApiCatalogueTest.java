package dev.verity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build-time guard of docs/asyncapi.yaml (the AsyncAPI CLI needs npm, which the build must not): the catalogue
 * names every event type this module defines with the schema its data is published under, every topic, and every
 * topic, dead-letter topic and consumer group the services configure. A type, topic or consumer added without its
 * catalogue entry fails here.
 */
class AsyncApiCatalogueTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private static Path root;
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/asyncapi.yaml"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
        root = dir;
        doc = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docs/asyncapi.yaml").toFile());
    }

    @Test
    void theDocumentIsAsyncApi3() {
        assertEquals("3.0.0", doc.path("asyncapi").asText());
    }

    @Test
    void everyEventTypeHasOneMessageWhoseDataIsTheTypesPublishedSchema() {
        Map<String, String> messageOfType = messagesByType();
        List<String> problems = new ArrayList<>();
        for (String type : EventTypes.ALL) {
            String message = messageOfType.get(type);
            if (message == null) {
                problems.add(type + ": no message whose ce_type is " + type);
                continue;
            }
            String ref = doc.at("/components/messages/" + message + "/payload/schema/$ref").asText();
            Path schema = root.resolve("docs").resolve(ref).normalize();
            if (!Files.isRegularFile(schema)) {
                problems.add(type + ": payload schema " + ref + " is no file");
            } else if (!schema.endsWith(Path.of("events/src/main/resources", EventTypes.SCHEMA.get(type)))) {
                problems.add(type + ": payload schema " + ref + ", but its data is published under "
                        + EventTypes.SCHEMA.get(type));
            }
        }
        Set<String> unknown = new TreeSet<>(messageOfType.keySet());
        unknown.removeAll(EventTypes.ALL);
        if (!unknown.isEmpty()) {
            problems.add("messages for types the events module does not define: " + unknown);
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyTypeIsOnItsTopicsChannelAndSentByItsPublisher() {
        Map<String, String> messageOfType = messagesByType();
        List<String> problems = new ArrayList<>();
        for (String type : EventTypes.ALL) {
            String message = messageOfType.get(type);
            String channel = channelOf(EventTypes.TOPIC.get(type));
            if (message == null || channel == null) {
                problems.add(type + ": no message, or no channel for " + EventTypes.TOPIC.get(type));
                continue;
            }
            if (!refs(doc.at("/channels/" + channel + "/messages")).contains("#/components/messages/" + message)) {
                problems.add(type + ": not among the messages of channel " + channel);
            }
            boolean sent = false;
            for (JsonNode operation : iterable(doc.path("operations"))) {
                sent |= "send".equals(operation.path("action").asText())
                        && ("#/channels/" + channel).equals(operation.at("/channel/$ref").asText())
                        && refs(operation.path("messages")).contains("#/channels/" + channel + "/messages/" + message);
            }
            if (!sent) {
                problems.add(type + ": no send operation on channel " + channel + " names it");
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyTopicConstantIsAChannel() throws IllegalAccessException {
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String topic = (String) field.get(null);
                assertTrue(channelOf(topic) != null, "no channel with address " + topic);
            }
        }
    }

    /** What the services' application.properties say they read, park and call themselves must be catalogued. */
    @Test
    void everyConsumedTopicDeadLetterTopicAndConsumerGroupOfTheServicesIsCatalogued() throws IOException {
        List<String> problems = new ArrayList<>();
        int consumers = 0;
        try (Stream<Path> services = Files.list(root)) {
            for (Path service : services.filter(p -> p.getFileName().toString().endsWith("-service")).sorted()
                    .toList()) {
                Path file = service.resolve("src/main/resources/application.properties");
                if (!Files.exists(file)) {
                    continue;
                }
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
                for (Map.Entry<String, String> channel : incomingChannels(properties).entrySet()) {
                    consumers++;
                    String name = service.getFileName() + " " + channel.getKey();
                    String topic = resolve(properties, properties.getProperty(channel.getValue() + "topic"));
                    String dlq = resolve(properties, properties.getProperty(channel.getValue() + "dead-letter-queue.topic"));
                    String group = resolve(properties, properties.getProperty(channel.getValue() + "group.id"));
                    String id = channelOf(topic);
                    if (id == null) {
                        problems.add(name + ": topic " + topic + " has no channel");
                        continue;
                    }
                    if (dlq != null && channelOf(dlq) == null) {
                        problems.add(name + ": dead-letter topic " + dlq + " has no channel");
                    }
                    if (group != null && !receivers(id).contains(group)) {
                        problems.add(name + ": no receive operation on channel " + id + " for consumer group " + group);
                    }
                }
            }
        }
        assertTrue(consumers >= 14, "expected the services' 14 incoming channels, found " + consumers);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyReferenceInsideTheDocumentResolves() {
        List<String> broken = new ArrayList<>();
        collectRefs(doc, broken);
        assertTrue(broken.isEmpty(), () -> "unresolved: " + broken);
    }

    private static void collectRefs(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/") && doc.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.forEach(child -> collectRefs(child, broken));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, broken));
        }
    }

    /** ce_type constant → message id, from each message's headers. */
    private static Map<String, String> messagesByType() {
        Map<String, String> byType = new LinkedHashMap<>();
        doc.path("components").path("messages").fields().forEachRemaining(message -> {
            for (JsonNode part : iterable(message.getValue().path("headers").path("allOf"))) {
                JsonNode type = part.at("/properties/ce_type/const");
                if (type.isTextual()) {
                    String previous = byType.put(type.asText(), message.getKey());
                    assertTrue(previous == null, "two messages for " + type.asText());
                }
            }
        });
        return byType;
    }

    private static String channelOf(String address) {
        var channels = doc.path("channels").fields();
        while (channels.hasNext()) {
            var channel = channels.next();
            if (channel.getValue().path("address").asText().equals(address)) {
                return channel.getKey();
            }
        }
        return null;
    }

    /** The consumer groups of the receive operations on a channel (their Kafka binding's groupId enum). */
    private static Set<String> receivers(String channel) {
        Set<String> groups = new HashSet<>();
        for (JsonNode operation : iterable(doc.path("operations"))) {
            if ("receive".equals(operation.path("action").asText())
                    && ("#/channels/" + channel).equals(operation.at("/channel/$ref").asText())) {
                iterable(operation.at("/bindings/kafka/groupId/enum")).forEach(g -> groups.add(g.asText()));
            }
        }
        return groups;
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> refs = new HashSet<>();
        iterable(node).forEach(n -> refs.add(n.path("$ref").asText()));
        return refs;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    /** Incoming channel name → its property prefix, for every {@code mp.messaging.incoming.X.topic} of the prod profile. */
    private static Map<String, String> incomingChannels(Properties properties) {
        Map<String, String> channels = new LinkedHashMap<>();
        Pattern topic = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = topic.matcher(key);
            if (m.matches()) {
                channels.put(m.group(1), "mp.messaging.incoming." + m.group(1) + ".");
            }
        }
        return channels;
    }

    /** Expands {@code ${key}} and {@code ${key:default}} as a production deployment would (no topic prefix). */
    private static String resolve(Properties properties, String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.getProperty(m.group(1));
            replacement = replacement != null ? resolve(properties, replacement)
                    : m.group(2) != null ? m.group(2) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
