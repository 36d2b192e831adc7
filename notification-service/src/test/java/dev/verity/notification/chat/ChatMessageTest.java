package dev.verity.notification.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

    @Test
    void aTitleWithMarkupCharactersCannotBecomeALinkAndAnOverlongReasonIsCutToSlacksLimit() throws Exception {
        JsonNode message = new ObjectMapper().readTree(ChatMessage.of("<http://evil|click> & co", "x".repeat(5000),
                "https://verity.example/cards/1"));
        String text = message.get("blocks").get(0).get("text").get("text").asText();
        assertEquals(ChatMessage.SECTION_LIMIT, text.length());
        assertTrue(text.startsWith("*&lt;http://evil|click&gt; &amp; co*\n"), text);
        assertEquals("<http://evil|click> & co", message.get("text").asText());
        assertEquals("https://verity.example/cards/1", message.get("blocks").get(0).get("accessory").get("url").asText());
    }
}
