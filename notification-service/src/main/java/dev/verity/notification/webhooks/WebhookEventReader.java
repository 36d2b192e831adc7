package dev.verity.notification.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.events.EventTypes;
import dev.verity.events.read.EventReader;
import dev.verity.events.read.InvalidEventException;
import dev.verity.notification.webhooks.WebhookEventTypes;
import java.util.Optional;

/**
 * Reads events for webhooks: the data is relayed as it is (integrations read it with the published schemas), so it
 * only has to be a JSON object. Types no subscription can ask for (a publisher's newer ones) are skipped.
 */
public final class WebhookEventReader implements EventReader<JsonNode> {

    public static final WebhookEventReader RELAYED = new WebhookEventReader();

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookEventReader() {
    }

    @Override
    public Optional<JsonNode> read(String eventId, String type, String data) {
        type = EventTypes.normalise(type); // a legacy bare name is relayed as its current name
        if (!WebhookEventTypes.KNOWN.contains(type)) {
            return Optional.empty();
        }
        if (data == null || data.isBlank()) {
            throw new InvalidEventException(eventId, type, "has no data");
        }
        try {
            JsonNode node = JSON.readTree(data);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException(eventId, type, "data is not a JSON object");
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(eventId, type, "data is not JSON: " + e.getOriginalMessage());
        }
    }
}
