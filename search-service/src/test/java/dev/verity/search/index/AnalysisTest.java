package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.access.ReadScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stemming switch: which fields the mapping gets and which the query asks. */
class AnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CardQuery query(String text) {
        return CardQuery.of(text, 10);
    }

    @Test
    void elasticsearchAnalysisAddsEnglishAndItalianSubFieldsToTitleAndTextAndKeepsTheRest() {
        JsonNode properties = new CardIndex(null, JSON, new TestSearchConfig("a", Analysis.ELASTICSEARCH)).definition()
                .path("mappings").path("properties");

        for (String field : List.of("title", "bodyText")) {
            assertEquals("english", properties.path(field).path("fields").path("en").path("analyzer").asText(), field);
            assertEquals("italian", properties.path(field).path("fields").path("it").path("analyzer").asText(), field);
        }
        assertEquals("keyword", properties.path("title").path("fields").path("raw").path("type").asText());
        // the service's stems stay mapped (and filled), so switching back needs no rebuild
        assertEquals("text", properties.path("stemsEn").path("type").asText());
    }

    @Test
    void serviceAnalysisAddsNoSubFieldThisNodeCouldNotCreate() {
        JsonNode properties = new CardIndex(null, JSON, new TestSearchConfig("a")).definition().path("mappings")
                .path("properties");

        assertTrue(properties.path("title").path("fields").path("en").isMissingNode());
        assertTrue(properties.path("bodyText").path("fields").isMissingNode());
    }

    @Test
    void theQueryMatchesEachWordsLanguageFormsWhereTheSwitchSaysTheyAre() {
        String service = SearchBody.of(JSON, query("refunds"), ReadScope.everything(), SearchPass.EXACT, Analysis.SERVICE)
                .toString();
        String elasticsearch = SearchBody.of(JSON, query("refunds"), ReadScope.everything(), SearchPass.EXACT,
                Analysis.ELASTICSEARCH).toString();

        assertTrue(service.contains("\"stemsEn\":{\"query\":\"refund\""), service);
        assertFalse(service.contains("title.en"), service);
        assertTrue(elasticsearch.contains("[\"title.en\",\"bodyText.en\"]"), elasticsearch);
        assertTrue(elasticsearch.contains("[\"title.it\",\"bodyText.it\"]"), elasticsearch);
        assertFalse(elasticsearch.contains("stemsEn"), elasticsearch);
    }
}
