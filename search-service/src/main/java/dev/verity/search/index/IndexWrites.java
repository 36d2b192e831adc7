package dev.verity.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardEvent;
import dev.verity.events.CardSnapshot;
import dev.verity.platform.consumer.DependencyUnavailableException;
import dev.verity.platform.consumer.EventRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Writes into the cards index ({@link CardIndex}): one card, a {@code _bulk} of them, a new verification state or
 * popularity on a card's document. Writes use the card version as an external version, so Elasticsearch itself
 * refuses anything older than what it holds: replays and out-of-order deliveries can never move a card back in time.
 */
@ApplicationScoped
public class IndexWrites {

    private final RestClient client;
    private final ObjectMapper mapper;
    private final SearchConfig config;

    IndexWrites(RestClient client, ObjectMapper mapper, SearchConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.config = config;
    }

    /** The alias every live write goes to. */
    public String alias() {
        return config.alias();
    }

    /**
     * Indexes the snapshot at its version. Returns {@code false} when the index already holds this version or a
     * newer one (a replay or a late event), which is not an error.
     */
    public boolean index(CardSnapshot card, CardSignals signals) {
        return put(config.alias(), card.id(), card.version(), CardDocument.of(card, signals), "indexing",
                "external");
    }

    /**
     * Puts a new verification state on the card's document, at the version it already holds ({@code external_gte}:
     * the card itself did not change, so its version must not), behind the alias and in each of {@code alsoInto}.
     * The caller holds the card's row lock, so no card event (and no rebuild batch) writes the document meanwhile.
     * Returns {@code false} when the alias's index does not hold the card yet (its card event will carry the state)
     * or holds it deleted.
     */
    public boolean applyVerification(UUID cardId, VerificationState verification, List<String> alsoInto) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("verification", verification.status());
        fields.put("verifiedAt", verification.verifiedAt() == null ? null : verification.verifiedAt().toString());
        fields.put("dueAt", verification.dueAt() == null ? null : verification.dueAt().toString());
        fields.put("unverifiedReason", verification.reason());
        return update(cardId, fields, "verifying", alsoInto);
    }

    /**
     * Puts a new popularity on the card's document, as {@link #applyVerification} puts a verification state (same
     * lock, same versioning). Returns {@code false} when the alias's index does not hold the card (yet).
     */
    public boolean applyPopularity(UUID cardId, int popularity, List<String> alsoInto) {
        return update(cardId, Map.of("popularity", popularity), "ranking", alsoInto);
    }

    private boolean update(UUID cardId, Map<String, Object> fields, String action, List<String> alsoInto) {
        boolean applied = updateIn(config.alias(), cardId, fields, action);
        for (String index : alsoInto) {
            updateIn(index, cardId, fields, action);
        }
        return applied;
    }

    /**
     * Reads the document and writes it back with the fields changed. Not the update API: that cannot take an
     * external version, and the document must keep the card's version so that only a newer card event replaces it.
     */
    private boolean updateIn(String index, UUID cardId, Map<String, Object> fields, String action) {
        Request get = new Request("GET", "/" + index + "/_doc/" + cardId);
        JsonNode doc;
        try {
            doc = mapper.readTree(client.performRequest(get).getEntity().getContent());
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404) {
                return false;
            }
            String message = "reading card " + cardId + " failed with HTTP " + status;
            if (status == 429 || status >= 500) {
                throw new DependencyUnavailableException(message, e);
            }
            throw new EventRejectedException(message + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while reading card " + cardId, e);
        }
        ObjectNode source = (ObjectNode) doc.path("_source");
        if (CardDocument.DELETED.equals(source.path("status").asText())) {
            return false;
        }
        fields.forEach((name, value) -> source.set(name, mapper.valueToTree(value)));
        return put(index, cardId, doc.path("_version").asLong(), source, action, "external_gte");
    }

    /**
     * One versioned write. A 409 is an older event (ignored); 429 and 5xx mean Elasticsearch is busy or away, which
     * the consumer waits out; any other refusal (a document the mapping rejects) can never succeed and goes to the
     * dead-letter topic.
     */
    private boolean put(String index, UUID cardId, long version, Object document, String action,
            String versionType) {
        Request request = new Request("PUT", "/" + index + "/_doc/" + cardId);
        request.addParameter("version", Long.toString(version));
        request.addParameter("version_type", versionType);
        request.setJsonEntity(toJson(document));
        try {
            client.performRequest(request);
            return true;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 409) {
                return false;
            }
            String message = action + " card " + cardId + " v" + version + " in " + index + " failed with HTTP "
                    + status;
            if (status == 429 || status >= 500) {
                throw new DependencyUnavailableException(message, e);
            }
            throw new EventRejectedException(message + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while " + action + " card " + cardId, e);
        }
    }

    /**
     * One card event to write: the live consumer's batch, or the rebuild's replay, with the card's signals read under
     * its row lock.
     */
    public record Write(CardEvent event, String type, CardSignals signals) {
    }

    /** What Elasticsearch did with one document of a {@code _bulk}: its HTTP status and, when refused, why. */
    public record ItemOutcome(UUID cardId, int status, String error) {

        public boolean written() {
            return status == 200 || status == 201;
        }

        /** 409: the index holds this version or a newer one (a replay, a duplicate or a late event). */
        public boolean older() {
            return status == 409;
        }

        /** Refused for good (a document the mapping rejects, a write block): what the live path dead-letters. */
        public boolean refused() {
            return !written() && !older();
        }
    }

    /** What one {@code _bulk} did, item by item in the order written. */
    public record BulkOutcome(List<ItemOutcome> items) {

        public int written() {
            return (int) items.stream().filter(ItemOutcome::written).count();
        }

        public int older() {
            return (int) items.stream().filter(ItemOutcome::older).count();
        }

        public int refused() {
            return (int) items.stream().filter(ItemOutcome::refused).count();
        }
    }

    /**
     * Writes card events into {@code index} (the alias or a concrete index) in one {@code _bulk} request, each at its
     * card version as the external version, with {@code versionType} {@code external} (the live path: an equal
     * version is a duplicate, refused with 409) or {@code external_gte} (the rebuild: an equal version is rewritten
     * with the signals read under the lock, the newest). Documents are built by
     * {@link CardDocument#of(CardEvent, String, CardSignals)} for both. At most one event per card: the caller
     * keeps the newest.
     *
     * <p>Throws {@link DependencyUnavailableException} when Elasticsearch is busy or away, for the whole request or
     * any item (429, 5xx): the request is idempotent, so the caller sends it again. A whole request refused otherwise
     * is an {@link EventRejectedException}; a refused item is reported in the outcome, for the caller to decide.
     */
    public BulkOutcome bulk(String index, List<Write> writes, String versionType) {
        if (writes.isEmpty()) {
            return new BulkOutcome(List.of());
        }
        StringBuilder body = new StringBuilder();
        for (Write write : writes) {
            ObjectNode action = mapper.createObjectNode();
            action.with("index").put("_id", write.event().cardId().toString())
                    .put("version", write.event().cardVersion()).put("version_type", versionType);
            body.append(toJson(action)).append('\n')
                    .append(toJson(CardDocument.of(write.event(), write.type(), write.signals())))
                    .append('\n');
        }
        Request request = new Request("POST", "/" + index + "/_bulk");
        request.setJsonEntity(body.toString());
        JsonNode result;
        try {
            result = mapper.readTree(client.performRequest(request).getEntity().getContent());
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 429 || status >= 500) {
                throw new DependencyUnavailableException("bulk into " + index + " failed with HTTP " + status, e);
            }
            throw new EventRejectedException("bulk into " + index + " refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable during a bulk into " + index, e);
        }
        List<ItemOutcome> items = new ArrayList<>(writes.size());
        for (JsonNode item : result.path("items")) {
            JsonNode outcome = item.path("index");
            int status = outcome.path("status").asInt();
            if (status == 429 || status >= 500) {
                throw new DependencyUnavailableException("bulk into " + index + ": card " + outcome.path("_id")
                        .asText() + " failed with HTTP " + status, null);
            }
            items.add(new ItemOutcome(UUID.fromString(outcome.path("_id").asText()), status,
                    outcome.path("error").isMissingNode() ? null : shortened(outcome.path("error").toString())));
        }
        return new BulkOutcome(items);
    }

    /** An item's error quotes the refused value, which may be huge (it goes into logs and dead-letter headers). */
    private static String shortened(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000) + "…";
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
