package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** What happens at startup to an index built by an earlier version of this service, on the real Elasticsearch. */
@QuarkusTest
class CardIndexMappingTest {

    private static final List<String> NEW_FIELDS = List.of("collectionId", "folderIds", "slug", "ownerId");

    @Inject
    RestClient client;

    @Inject
    ObjectMapper mapper;

    @Test
    void anIndexFromAnEarlierRunGetsTheNewFieldsAtStartupAndThenTakesCardsCarryingThem() throws IOException {
        String alias = "test-legacy-" + UUID.randomUUID();
        createLegacyIndex(alias, properties -> NEW_FIELDS.forEach(properties::remove));
        try {
            CardIndex index = new CardIndex(client, mapper, new TestSearchConfig(alias));
            index.ensureExists();

            JsonNode properties = mappingOf(alias);
            for (String field : NEW_FIELDS) {
                assertEquals("keyword", properties.path(field).path("type").asText(), field);
            }
            assertEquals("card_text", properties.path("title").path("analyzer").asText(), "existing fields stay");
            // the mapping is strict: before the update, a document with these fields was refused
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            IndexWrites writes = new IndexWrites(client, mapper, new TestSearchConfig(alias));
            assertTrue(writes.index(new CardSnapshot(id, 1, "Title", "Body", List.of(), "PUBLISHED", "alice", "alice",
                    90, now, now, UUID.randomUUID(), List.of(UUID.randomUUID()), "title", "alice",
                    "https://chat.example.com/p/1", LocalDate.of(2026, 6, 1)), CardSignals.NONE));
        } finally {
            client.performRequest(new Request("DELETE", "/" + alias + "-v1"));
        }
    }

    @Test
    void anIncompatibleExistingMappingStopsStartupAndSaysANewIndexIsNeeded() throws IOException {
        String alias = "test-legacy-" + UUID.randomUUID();
        createLegacyIndex(alias, properties -> properties.putObject("slug").put("type", "text"));
        try {
            CardIndex index = new CardIndex(client, mapper, new TestSearchConfig(alias));

            IllegalStateException refused = assertThrows(IllegalStateException.class, index::ensureExists);
            assertTrue(refused.getMessage().contains("MAPPING_VERSION"), refused.getMessage());
        } finally {
            client.performRequest(new Request("DELETE", "/" + alias + "-v1"));
        }
    }

    @Test
    void elasticsearchAnalysisOnANodeWithoutLanguageAnalyzersStopsStartupSayingWhatToDo() {
        // the local build has no analysis-common module, so no english or italian analyzer
        String alias = "test-analysis-" + UUID.randomUUID();
        CardIndex index = new CardIndex(client, mapper, new TestSearchConfig(alias, Analysis.ELASTICSEARCH));

        IllegalStateException refused = assertThrows(IllegalStateException.class, index::ensureExists);
        assertTrue(refused.getMessage().contains("'english' analyzer"), refused.getMessage());
        assertTrue(refused.getMessage().contains("verity.search.analysis=service"), refused.getMessage());
    }

    /** Today's index definition, its properties changed by {@code legacy}, behind {@code alias}. */
    private void createLegacyIndex(String alias, java.util.function.Consumer<ObjectNode> legacy) throws IOException {
        ObjectNode definition;
        try (InputStream in = getClass().getResourceAsStream("/elasticsearch/cards-index.json")) {
            definition = (ObjectNode) mapper.readTree(in);
        }
        legacy.accept((ObjectNode) definition.path("mappings").path("properties"));
        ((ObjectNode) definition.path("settings").path("index")).put("number_of_replicas", 0);
        definition.putObject("aliases").putObject(alias).put("is_write_index", true);
        Request create = new Request("PUT", "/" + alias + "-v1");
        create.setJsonEntity(mapper.writeValueAsString(definition));
        client.performRequest(create);
    }

    private JsonNode mappingOf(String alias) throws IOException {
        JsonNode mappings = mapper.readTree(client.performRequest(new Request("GET", "/" + alias + "/_mapping"))
                .getEntity().getContent());
        return mappings.path(alias + "-v1").path("mappings").path("properties");
    }
}
