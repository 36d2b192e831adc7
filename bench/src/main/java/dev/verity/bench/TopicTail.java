package dev.verity.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic from where it ends now, on a thread of its own, handing every record of the given CloudEvents
 * type to a handler: how a benchmark sees the events a service published while it runs. Assigned, not subscribed,
 * so it never joins (or rebalances) a service's consumer group.
 */
final class TopicTail implements AutoCloseable {

    /** The reverse-DNS type of an expired verification (docs/events.md). */
    static final String VERIFICATION_EXPIRED = "dev.verity.verification.expired";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    TopicTail(String bootstrap, String topic, String type, Consumer<ConsumerRecord<String, String>> handler) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-tail-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "the end" now, before the benchmark makes events
        reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (type.equals(header(record, "ce_type"))) {
                            handler.accept(record);
                        }
                    }
                }
            }
        }, "tail-" + topic);
        reader.start();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join();
    }
}
