package dev.verity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void everyTypeIsReverseDnsAndItsLegacyBareNameMapsToIt() {
        assertEquals(31, EventTypes.ALL.size());
        for (String type : EventTypes.ALL) {
            assertTrue(type.startsWith("dev.verity."), type);
            String legacy = type.substring("dev.verity.".length());
            assertEquals(type, EventTypes.normalise(legacy));
            assertEquals(legacy, EventTypes.legacyName(type));
            assertTrue(EventTypes.isLegacy(legacy));
            assertFalse(EventTypes.isLegacy(type));
        }
        assertEquals(EventTypes.ALL.size(), EventTypes.LEGACY.size());
    }

    @Test
    void currentAndUnknownTypesStayAsTheyAre() {
        assertEquals(CardEventTypes.UPDATED, EventTypes.normalise(CardEventTypes.UPDATED));
        assertEquals("card.viewed", EventTypes.normalise("card.viewed"));
        assertEquals("com.example.card.updated", EventTypes.normalise("com.example.card.updated"));
        assertNull(EventTypes.normalise(null));
        assertNull(EventTypes.legacyName("dev.verity.card.viewed"));
    }

    @Test
    void everyTypeHasATopicAndASchemaThatExists() throws Exception {
        for (String type : EventTypes.ALL) {
            assertTrue(EventTypes.TOPIC.containsKey(type), type);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventTypes.SCHEMA.get(type))) {
                assertTrue(in != null, type + ": no " + EventTypes.SCHEMA.get(type));
            }
        }
    }
}
