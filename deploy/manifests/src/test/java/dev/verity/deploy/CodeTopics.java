package dev.verity.deploy;

import dev.verity.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Kafka topic the code uses, as deployed (no {@code verity.kafka.topic-prefix}): the constants of
 * {@link Topics} and every topic the services' messaging channels name, dead-letter topics included.
 */
final class CodeTopics {

    static final List<String> SERVICES = List.of("card-service", "verification-service", "search-service",
            "notification-service");
    private static final String PREFIX = "${verity.kafka.topic-prefix:}";

    private CodeTopics() {
    }

    static Set<String> used(Path projectRoot) {
        Set<String> topics = new TreeSet<>(published());
        topics.addAll(channelTopics(projectRoot));
        return topics;
    }

    /** The public String constants of {@link Topics}. */
    static Set<String> published() {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    /** {@code mp.messaging.*.topic} and {@code *.dead-letter-queue.topic} of every service's application.properties. */
    static Set<String> channelTopics(Path projectRoot) {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(projectRoot.resolve(service)
                    .resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    String value = properties.getProperty(key).trim();
                    topics.add(value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value);
                }
            }
        }
        return topics;
    }
}
