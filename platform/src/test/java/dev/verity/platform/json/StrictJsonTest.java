package dev.verity.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Body(String title, Integer days, Boolean pinned, List<String> tags) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void valuesOfTheRightTypeAreReadAsWritten() throws Exception {
        Body body = mapper.readValue("{\"title\": \"Tabs\\tand\\nlines \uD83D\uDE00\", \"days\": 30, \"pinned\": true,"
                + " \"tags\": [\"a\"]}", Body.class);
        assertEquals("Tabs\tand\nlines \uD83D\uDE00", body.title());
        assertEquals(30, body.days());
    }

    @Test
    void aNumberOrBooleanWhereAStringIsExpectedIsRefused() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"title\": 42}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"title\": 4.2}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"tags\": [true]}", Body.class));
    }

    @Test
    void aStringWhereANumberOrBooleanIsExpectedIsRefused() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"days\": \"30\"}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"pinned\": \"true\"}", Body.class));
    }

    @Test
    void aLoneSurrogateOrAControlCharacterIsRefusedWithWhereItIs() {
        var lone = assertThrows(StrictJson.NotPlainTextException.class,
                () -> mapper.readValue("{\"title\": \"ab\\ud800\"}", Body.class));
        assertTrue(lone.getOriginalMessage().contains("U+D800 at index 2"), lone.getOriginalMessage());
        var bell = assertThrows(StrictJson.NotPlainTextException.class,
                () -> mapper.readValue("{\"tags\": [\"ok\", \"\\u0007\"]}", Body.class));
        assertEquals("tags", bell.getPath().get(0).getFieldName());
        assertEquals(1, bell.getPath().get(1).getIndex());
    }
}
