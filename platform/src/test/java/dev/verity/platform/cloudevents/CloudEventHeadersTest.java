package dev.verity.platform.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.events.CardEventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void binaryModeAttributesRoundTrip() {
        RecordHeaders headers = new RecordHeaders();
        Instant time = Instant.parse("2026-11-23T10:00:00.123Z");
        CloudEventHeaders.write(headers, "evt-1", CardEventTypes.CREATED, "/card-service", "card-7", time);

        IncomingCloudEvent event = CloudEventHeaders.read(headers, "card-7", "{\"a\":1}");

        assertEquals("evt-1", event.id());
        assertEquals("dev.verity.card.created", event.type());
        assertEquals("/card-service", event.source());
        assertEquals("card-7", event.subject());
        assertEquals(time, event.time());
        assertEquals("card-7", event.key());
        assertEquals("application/json",
                new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals("1.0", new String(headers.lastHeader("ce_specversion").value(), StandardCharsets.UTF_8));
    }

    @Test
    void missingIdIsNamedInTheError() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, "evt-1", CardEventTypes.CREATED, "/card-service", null, Instant.EPOCH);
        headers.remove("ce_id");

        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> CloudEventHeaders.read(headers, "k", "{}"));
        assertTrue(e.getMessage().contains("ce_id"), e.getMessage());
    }

    @Test
    void otherSpecVersionsAreRefused() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, "evt-1", CardEventTypes.CREATED, "/card-service", null, Instant.EPOCH);
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));

        assertThrows(MalformedEventException.class, () -> CloudEventHeaders.read(headers, "k", "{}"));
    }

    @Test
    void aLegacyBareTypeIsReadAsItsReverseDnsNameAndAnUnknownTypeStaysAsItIs() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, "evt-1", "card.updated", "/card-service", null, Instant.EPOCH);
        assertEquals(CardEventTypes.UPDATED, CloudEventHeaders.read(headers, "k", "{}").type());

        CloudEventHeaders.write(headers, "evt-2", "card.viewed", "/card-service", null, Instant.EPOCH);
        assertEquals("card.viewed", CloudEventHeaders.read(headers, "k", "{}").type());
    }
}
