package dev.verity.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardSnapshot;
import dev.verity.events.CardStatuses;
import dev.verity.platform.access.ReadScope;
import dev.verity.platform.consumer.DependencyUnavailableException;
import dev.verity.platform.consumer.EventRejectedException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

/**
 * The cards index in Elasticsearch, always addressed through its alias. Writes use the card version as an
 * external version, so Elasticsearch itself refuses anything older than what it holds: replays and out-of-order
 * deliveries can never move a card back in time.
 */
@ApplicationScoped
public class CardIndex {

    /** Bump when the mapping changes incompatibly: a new index is built and the alias moved (see README). */
    static final int MAPPING_VERSION = 1;

    private static final Logger LOG = Logger.getLogger(CardIndex.class);

    private final RestClient client;
    private final ObjectMapper mapper;
    private final SearchConfig config;

    CardIndex(RestClient client, ObjectMapper mapper, SearchConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        ensureExists();
    }

    public String alias() {
        return config.alias();
    }

    String indexName() {
        return config.alias() + "-v" + MAPPING_VERSION;
    }

    /**
     * Creates the index with its mapping and the alias, unless the alias is already there; an index that is already
     * there (from an earlier run) gets the mapping's new fields instead.
     */
    public void ensureExists() {
        if (aliasExists()) {
            ensureMapping();
            return;
        }
        Request create = new Request("PUT", "/" + indexName());
        create.setJsonEntity(indexDefinition());
        try {
            client.performRequest(create);
            LOG.infof("created index %s behind alias %s", indexName(), config.alias());
        } catch (ResponseException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw new IllegalStateException("cannot create index " + indexName() + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean aliasExists() {
        try {
            Response head = client.performRequest(new Request("HEAD", "/_alias/" + config.alias()));
            return head.getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw new IllegalStateException("cannot check alias " + config.alias() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while checking alias " + config.alias(), e);
        }
    }

    /**
     * Puts the mapping of {@code cards-index.json} on the index behind the alias. Elasticsearch accepts new fields
     * on a live index (documents indexed before simply lack them until their card's next event) and refuses any
     * change to an existing field: that is an incompatible change, which needs a new index (see README).
     */
    private void ensureMapping() {
        Request put = new Request("PUT", "/" + config.alias() + "/_mapping");
        put.setJsonEntity(toJson(definition().get("mappings")));
        try {
            client.performRequest(put);
            LOG.debugf("mapping of alias %s is up to date", config.alias());
        } catch (ResponseException e) {
            throw new IllegalStateException("the index behind alias " + config.alias()
                    + " cannot take the mapping of cards-index.json (an incompatible change needs a new index: bump "
                    + "CardIndex.MAPPING_VERSION): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while updating the mapping of "
                    + config.alias(), e);
        }
    }

    private String indexDefinition() {
        ObjectNode definition = definition();
        ObjectNode index = (ObjectNode) definition.with("settings").with("index");
        index.put("number_of_replicas", config.replicas());
        index.put("number_of_shards", config.shards());
        index.put("refresh_interval", config.refreshInterval());
        definition.with("aliases").with(config.alias()).put("is_write_index", true);
        return toJson(definition);
    }

    private ObjectNode definition() {
        try (InputStream in = getClass().getResourceAsStream("/elasticsearch/cards-index.json")) {
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("index definition unreadable", e);
        }
    }

    /**
     * Indexes the snapshot at its version. Returns {@code false} when the index already holds this version or a
     * newer one (a replay or a late event), which is not an error.
     */
    public boolean index(CardSnapshot card) {
        return put(card.id(), card.version(), CardDocument.of(card), "indexing");
    }

    /**
     * Records a deleted card as a tombstone document at the delete's version (status {@value CardDocument#DELETED},
     * no content), rather than deleting the document. Elasticsearch forgets a real delete's version after
     * {@code index.gc_deletes} (60 s), after which a late replay of an older event would bring the card back; a
     * tombstone keeps its version for good, so every older event is refused however late it comes. Search only
     * matches PUBLISHED cards, so tombstones are never found. Returns {@code false} when the index already holds a
     * newer (or this) version.
     */
    public boolean delete(UUID cardId, long version) {
        return put(cardId, version, CardDocument.tombstone(cardId, version), "deleting");
    }

    /**
     * One versioned write. A 409 is an older event (ignored); 429 and 5xx mean Elasticsearch is busy or away, which
     * the consumer waits out; any other refusal (a document the mapping rejects) can never succeed and goes to the
     * dead-letter topic.
     */
    private boolean put(UUID cardId, long version, CardDocument document, String action) {
        Request request = new Request("PUT", "/" + config.alias() + "/_doc/" + cardId);
        request.addParameter("version", Long.toString(version));
        request.addParameter("version_type", "external");
        request.setJsonEntity(toJson(document));
        try {
            client.performRequest(request);
            return true;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 409) {
                return false;
            }
            String message = action + " card " + cardId + " v" + version + " failed with HTTP " + status;
            if (status == 429 || status >= 500) {
                throw new DependencyUnavailableException(message, e);
            }
            throw new EventRejectedException(message + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while " + action + " card " + cardId, e);
        }
    }

    /** Full-text search over published cards; title matches weigh most, snippets highlight the matched words. */
    public SearchPage search(String query, int limit, ReadScope scope) {
        if (scope.nothing()) {
            return new SearchPage(0, List.of());
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("size", limit);
        body.put("track_total_hits", true);
        ObjectNode bool = body.with("query").with("bool");
        ObjectNode multiMatch = bool.withArray("must").addObject().with("multi_match");
        multiMatch.put("query", query);
        multiMatch.putArray("fields").add("title^3").add("tags^2").add("body");
        multiMatch.put("type", "best_fields");
        multiMatch.put("operator", "and");
        multiMatch.put("fuzziness", "AUTO");
        bool.withArray("filter").addObject().with("term").put("status", CardStatuses.PUBLISHED);
        if (!scope.unrestricted()) {
            // in the query, never after it: totals, pages and (later) facets only ever count readable cards
            ArrayNode collections = bool.withArray("filter").addObject().with("terms").putArray("collectionId");
            scope.collectionIds().forEach(id -> collections.add(id.toString()));
        }
        ObjectNode highlight = body.with("highlight");
        highlight.putArray("pre_tags").add("<mark>");
        highlight.putArray("post_tags").add("</mark>");
        highlight.put("encoder", "html");
        ObjectNode fields = highlight.with("fields");
        fields.with("body").put("fragment_size", 160).put("number_of_fragments", 1).put("no_match_size", 160);
        fields.with("title").put("number_of_fragments", 0);

        Request request = new Request("POST", "/" + config.alias() + "/_search");
        request.setJsonEntity(toJson(body));
        try {
            Response response = client.performRequest(request);
            JsonNode result = mapper.readTree(response.getEntity().getContent());
            JsonNode hits = result.path("hits");
            List<SearchPage.Hit> found = new ArrayList<>();
            for (JsonNode hit : hits.path("hits")) {
                JsonNode source = hit.path("_source");
                JsonNode highlights = hit.path("highlight");
                String snippet = highlights.path("body").path(0).asText(null);
                String titleHighlight = highlights.path("title").path(0).asText(null);
                List<String> tags = new ArrayList<>();
                source.path("tags").forEach(t -> tags.add(t.asText()));
                found.add(new SearchPage.Hit(source.path("id").asText(), source.path("slug").asText(null),
                        source.path("title").asText(), titleHighlight, snippet, tags,
                        source.path("collectionId").asText(null), source.path("version").asLong(),
                        source.path("verifierId").asText(null), source.path("updatedAt").asText(null),
                        hit.path("_score").asDouble()));
            }
            return new SearchPage(hits.path("total").path("value").asLong(), found);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while searching", e);
        }
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
