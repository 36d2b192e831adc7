package dev.verity.platform.cloudevents;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A CloudEvent read off a Kafka record: its attributes, the record key and the raw JSON data (bound by the topic's
 * reader in {@code dev.verity.events.read}).
 */
public record IncomingCloudEvent(String id, String type, String source, String subject, Instant time, String key,
        String data) {

    public static IncomingCloudEvent from(ConsumerRecord<String, String> record) {
        return CloudEventHeaders.read(record.headers(), record.key(), record.value());
    }
}
