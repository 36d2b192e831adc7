package dev.verity.testing;

import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.platform.cloudevents.IncomingCloudEvent;
import dev.verity.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Talks to the stack's real Kafka broker the way another service or an integration would. */
public final class TestKafka {

    private TestKafka() {
    }

    /**
     * The services under test publish and consume on topics with this prefix, apart from {@code ./verity run}; every
     * method here takes the logical name ({@code verity.cards}) and adds it. One per module
     * ({@code test.card-service.}, set by the build as {@code verity.test.topic-prefix}; {@link VerityStackResource}
     * gives it to the service under test), so modules tested side by side on one broker never see each other's events.
     */
    public static final String TOPIC_PREFIX = topicPrefix();

    private static String topicPrefix() {
        String configured = System.getProperty("verity.test.topic-prefix");
        return configured == null || configured.isBlank() ? "test." : configured.trim();
    }

    /** The topic on the broker for a logical topic name, as the services under test use it. */
    public static String topic(String logical) {
        return TOPIC_PREFIX + logical;
    }

    public static String bootstrap() {
        return LocalStack.fromEnvironment().endpoints().kafkaBootstrap();
    }

    /** Publishes a binary-mode CloudEvent from source {@code /tests} and waits for the broker's acknowledgement. */
    public static void publish(String topic, String key, String eventId, String type, String json) {
        publish(topic, key, eventId, type, "/tests", json);
    }

    /** Publishes a binary-mode CloudEvent from {@code source} and waits for the broker's acknowledgement. */
    public static void publish(String topic, String key, String eventId, String type, String source, String json) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic(topic), key, json);
            CloudEventHeaders.write(record.headers(), eventId, type, source, key, Instant.now());
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** A reader positioned at the current end of a topic: it sees only what is published after it was opened. */
    public static TopicReader readFromEnd(String topic) {
        return new TopicReader(topic(topic));
    }

    /** Creates the topic unless it exists: the broker creates a dead-letter topic on its first record, a reader needs it before. */
    public static void ensureTopic(String logical) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic(logical), Optional.empty(), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + logical, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("could not create " + logical, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create " + logical, e);
        }
    }

    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        TopicReader(String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets now, before anything is published
        }

        /** Waits (up to {@code timeout}) until records matching {@code match} have arrived; returns them in order. */
        public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count,
                Duration timeout) {
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(this::see);
                matching.clear();
                seen.stream().filter(match).forEach(matching::add);
                return matching.size() >= count;
            });
            return List.copyOf(matching);
        }

        /** Everything that arrived so far (one more short poll first), for asserting that something did NOT arrive. */
        public List<ConsumerRecord<String, String>> poll() {
            consumer.poll(Duration.ofMillis(500)).forEach(this::see);
            return List.copyOf(seen);
        }

        /** Every event a service publishes that a test reads is checked against its published schema on the way. */
        private void see(ConsumerRecord<String, String> record) {
            EventSchemas.requireConforming(record);
            seen.add(record);
        }

        public static IncomingCloudEvent event(ConsumerRecord<String, String> record) {
            return IncomingCloudEvent.from(record);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
