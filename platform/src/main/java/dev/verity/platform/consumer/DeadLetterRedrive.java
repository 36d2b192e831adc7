package dev.verity.platform.consumer;

import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Puts dead-lettered events back on the topic they came from, after whatever refused them was fixed. Reads the
 * channel's dead-letter topic with a consumer group of its own ({@code <group.id>-redrive}) and commits what it
 * re-drove, so a second run re-drives only what was dead-lettered since. Every consumer of the origin topic skips
 * an event it has already applied (inbox) or that an older version (card version), so re-driving is idempotent.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    private static final Pattern DLQ_KEY = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");
    /** Headers the dead-letter strategy adds; they do not travel back with the event. */
    static final String HEADER_PREFIX = "dead-letter-";
    static final String ORIGIN_TOPIC = "dead-letter-topic";

    /** What one re-drive did. */
    public record Report(String channel, String deadLetterTopic, int redriven, int skippedWithoutOrigin,
            Map<String, Integer> byOriginTopic) {
    }

    private final Config config;

    DeadLetterRedrive(Config config) {
        this.config = config;
    }

    /** The channels of this service that dead-letter, e.g. {@code card-events}. */
    public List<String> channels() {
        TreeSet<String> channels = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = DLQ_KEY.matcher(name);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        }
        return new ArrayList<>(channels);
    }

    public synchronized Report redrive(String channel) {
        if (!channels().contains(channel)) {
            throw ProblemException.notFound("dead-lettering channel", channel)
                    .with("channels", channels());
        }
        String dlq = config.getValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class);
        String group = config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                .orElse(channel) + "-redrive";
        String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
        int redriven = 0;
        int skipped = 0;
        Map<String, Integer> byOrigin = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> infos = Optional.ofNullable(consumer.partitionsFor(dlq, Duration.ofSeconds(10)))
                    .orElse(List.of());
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return new Report(channel, dlq, 0, 0, Map.of()); // nothing was ever dead-lettered
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ProblemException(503, "kafka-unavailable", "Kafka unavailable",
                            "re-drive of " + dlq + " did not reach the topic's end in 2 min; what was re-driven so far "
                                    + "is committed, run it again");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header origin = record.headers().lastHeader(ORIGIN_TOPIC);
                    if (origin == null) {
                        skipped++;
                        continue;
                    }
                    String target = new String(origin.value(), StandardCharsets.UTF_8);
                    ProducerRecord<byte[], byte[]> back = new ProducerRecord<>(target, record.key(), record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith(HEADER_PREFIX)) {
                            back.headers().add(header);
                        }
                    }
                    producer.send(back).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    byOrigin.merge(target, 1, Integer::sum);
                    redriven++;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (TopicPartition p : partitions) {
                    done.put(p, new OffsetAndMetadata(consumer.position(p)));
                }
                consumer.commitSync(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-drive interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ProblemException(503, "kafka-unavailable", "Kafka unavailable",
                    "re-drive stopped: Kafka did not take an event (" + e.getMessage() + "); what was re-driven so far "
                            + "is committed, run it again once the broker is back");
        }
        LOG.infof("re-drove %d dead-lettered events of channel %s from %s (%d without an origin topic skipped)",
                redriven, channel, dlq, skipped);
        return new Report(channel, dlq, redriven, skipped, byOrigin);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> consumerProperties(String bootstrap, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private static Map<String, Object> producerProperties(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }
}
