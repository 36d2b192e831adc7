package dev.verity.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.events.CardEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        if (config.analysis() == Analysis.ELASTICSEARCH) {
            requireLanguageAnalyzers();
        }
        if (aliasExists()) {
            ensureMapping();
            return;
        }
        Request create = new Request("PUT", "/" + indexName());
        create.setJsonEntity(indexDefinition(true));
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

    /**
     * {@link Analysis#ELASTICSEARCH} needs the node's {@code english} and {@code italian} analyzers (module
     * analysis-common). Without them every index creation would fail later, less clearly: say so at startup.
     */
    private void requireLanguageAnalyzers() {
        for (String[] language : Analysis.LANGUAGES) {
            Request analyze = new Request("POST", "/_analyze");
            analyze.setJsonEntity(toJson(mapper.createObjectNode().put("analyzer", language[1]).put("text", "cards")));
            try {
                client.performRequest(analyze);
            } catch (ResponseException e) {
                throw new IllegalStateException("verity.search.analysis=elasticsearch needs Elasticsearch's '"
                        + language[1] + "' analyzer, which this node lacks (no analysis-common module?); install it, "
                        + "or set verity.search.analysis=service to stem in the service: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch unreachable while checking its analyzers", e);
            }
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

    private String indexDefinition(boolean behindAlias) {
        ObjectNode definition = definition();
        ObjectNode index = (ObjectNode) definition.with("settings").with("index");
        index.put("number_of_replicas", config.replicas());
        index.put("number_of_shards", config.shards());
        index.put("refresh_interval", config.refreshInterval());
        if (behindAlias) {
            definition.with("aliases").with(config.alias()).put("is_write_index", true);
        }
        return toJson(definition);
    }

    /** {@code cards-index.json}, with the language sub-fields when Elasticsearch stems ({@link Analysis}). */
    ObjectNode definition() {
        ObjectNode definition;
        try (InputStream in = getClass().getResourceAsStream("/elasticsearch/cards-index.json")) {
            definition = (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("index definition unreadable", e);
        }
        if (config.analysis() == Analysis.ELASTICSEARCH) {
            ObjectNode properties = (ObjectNode) definition.path("mappings").path("properties");
            for (String field : SearchBody.STEMMED) {
                ObjectNode fields = ((ObjectNode) properties.path(field)).with("fields");
                for (String[] language : Analysis.LANGUAGES) {
                    fields.putObject(language[0]).put("type", "text").put("analyzer", language[1]);
                }
            }
        }
        return definition;
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

    /** {@code <alias>-v<mapping version>-<suffix>}: a concrete index of the current mapping, for a rebuild. */
    public String versionedIndexName(String suffix) {
        return indexName() + "-" + suffix;
    }

    /** Creates a concrete index with the current mapping and settings, behind no alias yet. */
    public void createIndex(String name) {
        Request create = new Request("PUT", "/" + name);
        create.setJsonEntity(indexDefinition(false));
        try {
            client.performRequest(create);
            LOG.infof("created index %s (mapping v%d)", name, MAPPING_VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create index " + name + ": " + e.getMessage(), e);
        }
    }

    /** The concrete indices behind the alias (one, unless an operator added more). */
    public List<String> indicesBehindAlias() {
        try {
            Response response = client.performRequest(new Request("GET", "/_alias/" + config.alias()));
            List<String> names = new ArrayList<>();
            mapper.readTree(response.getEntity().getContent()).fieldNames().forEachRemaining(names::add);
            return names;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return List.of();
            }
            throw new UncheckedIOException("cannot read alias " + config.alias(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while reading alias " + config.alias(), e);
        }
    }

    /**
     * Moves the alias from {@code from} to {@code to} in one {@code POST /_aliases}: Elasticsearch applies the actions
     * atomically, so every search and write sees either the old index or the new one, never neither.
     */
    public void moveAlias(List<String> from, String to) {
        var actions = mapper.createObjectNode();
        var list = actions.putArray("actions");
        for (String index : from) {
            list.addObject().with("remove").put("index", index).put("alias", config.alias());
        }
        list.addObject().with("add").put("index", to).put("alias", config.alias()).put("is_write_index", true);
        Request request = new Request("POST", "/_aliases");
        request.setJsonEntity(toJson(actions));
        try {
            client.performRequest(request);
            LOG.infof("alias %s moved from %s to %s", config.alias(), from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move alias " + config.alias() + " to " + to, e);
        }
    }

    /** Makes everything written to the index searchable now, rather than at the next refresh. */
    public void refresh(String index) {
        try {
            client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh " + index, e);
        }
    }

    /** Drops a concrete index; one already gone is fine. */
    public void deleteIndex(String index) {
        try {
            client.performRequest(new Request("DELETE", "/" + index));
            LOG.infof("dropped index %s", index);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw new UncheckedIOException("cannot drop index " + index, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while dropping " + index, e);
        }
    }

    /**
     * The published cards matching the query within the caller's read scope, best first. The exact words first; when
     * they find fewer than {@link #FEW} cards on the first page, again with typos tolerated; when that finds nothing,
     * all words but one ({@link SearchPass#MOST_WORDS}). A later page continues the pass of its cursor. When still
     * nothing is found, a "did you mean" is offered, but only one that finds something the caller may read (a
     * suggestion comes from every card's words, and must not reveal those of a card they cannot see).
     */
    public SearchPage search(CardQuery query, ReadScope scope) {
        if (scope.nothing() || SearchBody.words(query.text()).isEmpty()) {
            return SearchPage.empty();
        }
        if (!query.firstPage()) {
            return run(query, scope, query.after().pass());
        }
        SearchPage exact = run(query, scope, SearchPass.EXACT);
        if (exact.total() >= FEW) {
            return exact;
        }
        SearchPage typos = run(query, scope, SearchPass.TYPOS);
        SearchPage best = typos.total() > exact.total() ? typos : exact;
        if (best.total() > 0) {
            return best;
        }
        if (SearchBody.words(query.text()).size() >= SearchPass.MIN_WORDS) {
            SearchPage most = run(query, scope, SearchPass.MOST_WORDS);
            if (most.total() > 0) {
                return most;
            }
        }
        String suggestion = suggest(query.text());
        if (suggestion == null || run(new CardQuery(suggestion, query.collectionId(), query.folderIds(), query.tags(),
                query.verification(), query.ownerId(), query.updatedFrom(), query.updatedTo(), 1, null), scope,
                SearchPass.EXACT).total() == 0) {
            return best;
        }
        return new SearchPage(0, true, List.of(), best.facets(), null, SearchPass.EXACT, suggestion);
    }

    /** Fewer exact hits than this, and typos are tolerated too. */
    static final int FEW = 3;

    private SearchPage run(CardQuery query, ReadScope scope, SearchPass pass) {
        JsonNode result = post("/_search", SearchBody.of(mapper, query, scope, pass, config.analysis()));
        JsonNode hits = result.path("hits");
        List<SearchPage.Hit> found = hits(result);
        double lastScore = found.isEmpty() ? 0
                : hits.path("hits").path(found.size() - 1).path("sort").path(0).asDouble();
        String lastId = found.isEmpty() ? null : found.get(found.size() - 1).id();
        Map<String, List<SearchPage.FacetCount>> facets = new LinkedHashMap<>();
        for (String[] facet : SearchBody.FACETS) {
            JsonNode buckets = result.path("aggregations").path(facet[0]).path("buckets");
            if (buckets.isArray()) {
                List<SearchPage.FacetCount> counts = new ArrayList<>();
                buckets.forEach(b -> counts.add(new SearchPage.FacetCount(b.path("key").asText(),
                        b.path("doc_count").asLong())));
                facets.put(facet[0], counts);
            }
        }
        JsonNode total = hits.path("total");
        SearchCursor next = found.size() == query.size() && lastId != null
                ? new SearchCursor(lastScore, lastId, pass, null) : null;
        return new SearchPage(total.path("value").asLong(), "eq".equals(total.path("relation").asText("eq")), found,
                facets, next, pass, null);
    }

    private static List<SearchPage.Hit> hits(JsonNode result) {
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
                    source.path("updatedAt").asText(null), folderIds));
        }
        return found;
    }

    /** Titles of readable published cards that start with what was typed, best first. */
    public List<TitleSuggestion> suggest(String prefix, int size, ReadScope scope) {
        if (scope.nothing() || SearchBody.words(prefix).isEmpty()) {
            return List.of();
        }
        List<TitleSuggestion> titles = new ArrayList<>();
        for (JsonNode hit : post("/_search", SearchBody.suggestions(mapper, prefix, scope, size)).path("hits")
                .path("hits")) {
            JsonNode source = hit.path("_source");
            titles.add(new TitleSuggestion(source.path("id").asText(), source.path("slug").asText(null),
                    source.path("title").asText()));
        }
        return titles;
    }

    /** A title as the autocomplete offers it. */
    public record TitleSuggestion(String id, String slug, String title) {
    }

    /** Readable published cards like a draft (its title and Markdown body), most alike first. */
    public List<SearchPage.Hit> similarToDraft(String title, String body, int size, ReadScope scope) {
        String text = title + (body == null ? "" : "\n" + PlainText.of(body));
        if (scope.nothing() || text.isBlank()) {
            return List.of();
        }
        return hits(post("/_search", SearchBody.similar(mapper, text, null, scope, size)));
    }

    /**
     * Readable published cards like the card, itself excluded; empty when the card is not indexed, not published, or
     * not readable by the caller (who then cannot tell it exists).
     */
    public Optional<List<SearchPage.Hit>> similarTo(UUID cardId, int size, ReadScope scope) {
        JsonNode source = document(cardId);
        if (source == null || !CardStatuses.PUBLISHED.equals(source.path("status").asText())
                || !(scope.unrestricted() || scope.collectionIds().stream().map(UUID::toString)
                        .anyMatch(id -> id.equals(source.path("collectionId").asText())))) {
            return Optional.empty();
        }
        String text = source.path("title").asText("") + "\n" + source.path("bodyText").asText(
                source.path("body").asText(""));
        return Optional.of(hits(post("/_search", SearchBody.similar(mapper, text, cardId.toString(), scope, size))));
    }

    /** Whether the card is indexed, published and in a collection of the scope: what a reader may open. */
    public boolean readable(UUID cardId, ReadScope scope) {
        JsonNode source = document(cardId);
        return source != null && CardStatuses.PUBLISHED.equals(source.path("status").asText())
                && (scope.unrestricted() || scope.collectionIds().stream().map(UUID::toString)
                        .anyMatch(id -> id.equals(source.path("collectionId").asText())));
    }

    /** The card's indexed document, or null when there is none. */
    private JsonNode document(UUID cardId) {
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

    /** The query with each word replaced by its most frequent close spelling, or null when nothing changes. */
    private String suggest(String text) {
        JsonNode words = post("/_search", SearchBody.suggestion(mapper, text)).path("suggest").path("words");
        StringBuilder corrected = new StringBuilder(text);
        boolean changed = false;
        // replace from the end, so earlier offsets stay valid
        for (int i = words.size() - 1; i >= 0; i--) {
            JsonNode word = words.get(i);
            JsonNode option = word.path("options").path(0);
            if (option.isMissingNode()) {
                continue;
            }
            int offset = word.path("offset").asInt();
            corrected.replace(offset, offset + word.path("length").asInt(), option.path("text").asText());
            changed = true;
        }
        return changed ? corrected.toString() : null;
    }

    private JsonNode post(String endpoint, ObjectNode body) {
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

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
