package dev.verity.platform.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A CloudEvent read off a Kafka record: its attributes, the record key and the raw JSON data. */
public record IncomingCloudEvent(String id, String type, String source, String subject, Instant time, String key,
        String data) {

    public static IncomingCloudEvent from(ConsumerRecord<String, String> record) {
        return CloudEventHeaders.read(record.headers(), record.key(), record.value());
    }

    /** Binds the data to the type the event's schema describes; malformed data is a {@link MalformedEventException}. */
    public <T> T dataAs(ObjectMapper mapper, Class<T> type) {
        if (data == null || data.isBlank()) {
            throw new MalformedEventException("event " + id + " (" + this.type + ") has no data");
        }
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event " + id + " (" + this.type + ") data does not match "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
