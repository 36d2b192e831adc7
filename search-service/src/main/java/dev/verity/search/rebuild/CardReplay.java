package dev.verity.search.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the card topic from the beginning up to the end offsets it found when opened: a plain consumer with no group
 * (nothing committed, no rebalancing, no effect on the live consumers), assigned every partition. The topic is
 * compacted and every event carries the whole card, so this yields every card's latest state; anything written
 * after the end offsets were taken is the live consumers' to apply (they write to the new index too by then).
 * Used by one thread at a time.
 */
final class CardReplay implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Long> target = new HashMap<>();

    CardReplay(Map<String, Object> kafka, String topic, int batchSize) {
        Map<String, Object> properties = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-rebuild");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            target.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            // finished partitions (empty ones from the start) are paused, so a poll never reads past the target
            consumer.pause(partitions.stream().filter(this::reached).toList());
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The end offset of every partition when the replay was opened. */
    Map<String, Long> target() {
        Map<String, Long> offsets = new HashMap<>();
        target.forEach((partition, offset) -> offsets.put(Integer.toString(partition.partition()), offset));
        return offsets;
    }

    /** How far each partition has been read, up to its target (records fetched beyond it are not replayed). */
    Map<String, Long> position() {
        Map<String, Long> offsets = new HashMap<>();
        target.forEach((partition, end) -> offsets.put(Integer.toString(partition.partition()),
                Math.min(end, consumer.position(partition, Duration.ofSeconds(30)))));
        return offsets;
    }

    boolean done() {
        return target.keySet().stream().allMatch(this::reached);
    }

    /** The next records below the target, in partition order; partitions that reached their target are paused. */
    List<ConsumerRecord<String, String>> poll(Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < target.get(partition)) {
                records.add(record);
            }
        }
        consumer.pause(target.keySet().stream().filter(this::reached).toList());
        return records;
    }

    private boolean reached(TopicPartition partition) {
        return consumer.position(partition, Duration.ofSeconds(30)) >= target.get(partition);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
