package dev.verity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The records and the published JSON Schema must describe the same wire format. */
class CardEventSchemaTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonSchema schema() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/card-event.schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static CardEvent sample() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-23T10:15:30Z");
        CardSnapshot card = new CardSnapshot(id, 3, "Refund policy", "# Refunds\n\nWithin 30 days.",
                List.of("billing"), "PUBLISHED", "alice", "alice", 90, now, now, UUID.randomUUID(),
                List.of(UUID.randomUUID()), "refund-policy", "alice", "https://acme.slack.com/archives/C1/p1",
                null);
        return new CardEvent(id, 3, "alice", now, card);
    }

    @Test
    void serialisedRecordConformsToPublishedSchema() throws Exception {
        JsonNode json = mapper.valueToTree(sample());
        Set<ValidationMessage> errors = schema().validate(json);
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        assertEquals("2026-11-23T10:15:30Z", json.get("occurredAt").asText(), "times travel as RFC 3339 strings");
    }

    @Test
    void schemaRejectsAnEventWithoutCardVersion() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(sample());
        json.remove("cardVersion");
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void schemaRejectsAnUnknownStatus() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(sample());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("card")).put("status", "PENDING");
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void schemaRejectsAnIntervalOutsideTheOfferedChoices() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(sample());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("card")).put("verificationIntervalDays", 45);
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void recordRoundTripsThroughJson() throws Exception {
        CardEvent event = sample();
        String json = mapper.writeValueAsString(event);
        assertEquals(event, mapper.readValue(json, CardEvent.class));
    }
}
