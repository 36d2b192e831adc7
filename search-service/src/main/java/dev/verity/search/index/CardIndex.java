package dev.verity.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

/**
 * The cards index in Elasticsearch, always addressed through its alias: its definition (mapping, analysis), its
 * creation at startup, and what a rebuild does to it (a new concrete index, the alias moved, the old one dropped).
 * What goes into it is {@link IndexWrites}; what is asked of it, {@link IndexQueries}.
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

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
