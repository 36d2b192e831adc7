package dev.verity.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardStatuses;
import dev.verity.platform.access.ReadScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
 * What search, suggestions and similar cards ask of the cards index ({@link CardIndex}), through its alias: a
 * {@code _search} with a body from {@link SearchBody}, one card's document, the hits of an answer.
 */
@ApplicationScoped
public class IndexQueries {

    private static final Logger LOG = Logger.getLogger(IndexQueries.class);

    private final RestClient client;
    private final ObjectMapper mapper;
    private final SearchConfig config;

    IndexQueries(RestClient client, ObjectMapper mapper, SearchConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.config = config;
    }

    public JsonNode post(String endpoint, ObjectNode body) {
        Request request = new Request("POST", "/" + config.alias() + endpoint);
        String json = toJson(body);
        request.setJsonEntity(json);
        if (LOG.isDebugEnabled()) {
            // one line per request, so an operator (or bench/ search-load, which replays them) can see exactly what
            // Elasticsearch was asked; the body names the caller's readable collections, hence DEBUG only
            LOG.debugf("es-request POST %s %s", request.getEndpoint(), json);
        }
        try {
            Response response = client.performRequest(request);
            return mapper.readTree(response.getEntity().getContent());
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while searching", e);
        }
    }

    public static List<SearchPage.Hit> hits(JsonNode result) {
        List<SearchPage.Hit> found = new ArrayList<>();
        for (JsonNode hit : result.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode highlights = hit.path("highlight");
            List<String> tags = new ArrayList<>();
            source.path("tags").forEach(t -> tags.add(t.asText()));
            List<String> folderIds = new ArrayList<>();
            source.path("folderIds").forEach(f -> folderIds.add(f.asText()));
            found.add(new SearchPage.Hit(source.path("id").asText(), source.path("slug").asText(null),
                    source.path("title").asText(), highlights.path("title").path(0).asText(null),
                    highlights.path("bodyText").path(0).asText(null), tags, source.path("collectionId").asText(null),
                    source.path("version").asLong(), source.path("verifierId").asText(null),
                    source.path("verification").asText(null), source.path("verifiedAt").asText(null),
                    source.path("dueAt").asText(null), source.path("unverifiedReason").asText(null),
                    source.path("updatedAt").asText(null), folderIds));
        }
        return found;
    }

    /** The card's indexed document, or null when there is none. */
    /** Whether the card is indexed, published and in a collection of the scope: what a reader may open. */
    public boolean readable(UUID cardId, ReadScope scope) {
        JsonNode source = document(cardId);
        return source != null && CardStatuses.PUBLISHED.equals(source.path("status").asText())
                && (scope.unrestricted() || scope.collectionIds().stream().map(UUID::toString)
                        .anyMatch(id -> id.equals(source.path("collectionId").asText())));
    }

    public JsonNode document(UUID cardId) {
        try {
            Response response = client.performRequest(new Request("GET", "/" + config.alias() + "/_doc/" + cardId));
            return mapper.readTree(response.getEntity().getContent()).path("_source");
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new UncheckedIOException("Elasticsearch refused reading card " + cardId, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while reading card " + cardId, e);
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
