package dev.verity.events.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * Turns one event's data into the value a consumer applies, or empty for a type that consumer does not apply.
 * Readers are tolerant of fields they do not know (a publisher may add some first) and strict on what consumers
 * rely on.
 *
 * @param <T> the value handed to the consumer
 */
@FunctionalInterface
public interface EventReader<T> {

    /** @throws InvalidEventException when the data can never be applied */
    Optional<T> read(String eventId, String type, String data);

    /** Binds JSON data to an event record; unknown fields are ignored, malformed data is an {@link InvalidEventException}. */
    static <R> R bind(String eventId, String type, String data, Class<R> record) {
        if (data == null || data.isBlank()) {
            throw new InvalidEventException(eventId, type, "has no data");
        }
        try {
            return Json.TOLERANT.readValue(data, record);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(eventId, type, "data does not match " + record.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** One tolerant mapper for every reader. */
    final class Json {
        static final ObjectMapper TOLERANT = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        private Json() {
        }
    }
}
