package dev.verity.notification.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.platform.cloudevents.CloudEventHeaders;
import dev.verity.platform.cloudevents.IncomingCloudEvent;

/**
 * The body of a webhook: the CloudEvent in structured JSON mode (CloudEvents 1.0 JSON format), rebuilt from the
 * binary-mode Kafka record. Written once at fan-out and stored, so every attempt sends (and signs) the same bytes.
 */
public final class CloudEventPayload {

    /** The content type of a structured-mode CloudEvent (CloudEvents HTTP binding). */
    public static final String MEDIA_TYPE = "application/cloudevents+json; charset=UTF-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEventPayload() {
    }

    /** Compact JSON with the attributes in a fixed order and {@code data} as the event's JSON value. */
    public static String of(IncomingCloudEvent event, JsonNode data) {
        ObjectNode json = JSON.createObjectNode();
        json.put("specversion", CloudEventHeaders.SPEC_VERSION_1_0);
        json.put("id", event.id());
        json.put("source", event.source());
        json.put("type", event.type());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        if (event.time() != null) {
            json.put("time", event.time().toString());
        }
        json.put("datacontenttype", CloudEventHeaders.JSON);
        json.set("data", data);
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
