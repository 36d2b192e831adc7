package dev.verity.search.rebuild;

import static dev.verity.platform.jdbc.SqlTimestamps.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.search.index.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code search_rebuild} rows: every rebuild of this service's alias, and the index the live consumers write to
 * as well while one runs. In PostgreSQL, so any instance reports a rebuild and every indexing instance sees it.
 */
@ApplicationScoped
public class RebuildRepository {

    private static final String COLUMNS = """
            id, state, index_name, previous_index, started_by, started_at, heartbeat_at, finished_at, target,
            position, events_read, cards_indexed, error""";
    private static final TypeReference<TreeMap<String, Long>> OFFSETS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final SearchConfig search;
    private final Clock clock;
    private final ObjectMapper mapper;

    RebuildRepository(EntityManager em, SearchConfig search, Clock clock, ObjectMapper mapper) {
        this.em = em;
        this.search = search;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * The indices a live write must also go to: the new index of the running rebuild, if any. Read in the writer's
     * transaction with a share lock on the row, held until the writer commits: a rebuild is marked FAILED or SWAPPED
     * only after every write that saw it RUNNING is done, so its index is never dropped under a write in flight
     * (which would make Elasticsearch create it again, with no mapping).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> writeTargets() {
        @SuppressWarnings("unchecked")
        List<String> indices = em.createNativeQuery(
                "SELECT index_name FROM search_rebuild WHERE alias = :alias AND state = 'RUNNING' FOR SHARE")
                .setParameter("alias", search.alias()).getResultList();
        return indices;
    }

    /** Records a new RUNNING rebuild; {@code false} when one is already running for the alias. */
    @Transactional
    boolean insert(UUID id, String index, String startedBy) {
        Instant now = clock.instant();
        return em.createNativeQuery("""
                INSERT INTO search_rebuild (id, alias, state, index_name, started_by, started_at, heartbeat_at)
                VALUES (:id, :alias, 'RUNNING', :index, :by, :now, :now)
                ON CONFLICT (alias) WHERE state = 'RUNNING' DO NOTHING""")
                .setParameter("id", id).setParameter("alias", search.alias()).setParameter("index", index)
                .setParameter("by", startedBy).setParameter("now", offset(now)).executeUpdate() == 1;
    }

    /** Moves the replay's position and counters on, and the heartbeat; {@code false} when it is no longer RUNNING. */
    @Transactional
    boolean progress(UUID id, Map<String, Long> target, Map<String, Long> position, long eventsRead,
            long cardsIndexed) {
        return em.createNativeQuery("""
                UPDATE search_rebuild SET target = :target, position = :position, events_read = :read,
                       cards_indexed = :indexed, heartbeat_at = :now
                WHERE id = :id AND state = 'RUNNING'""")
                .setParameter("target", json(target)).setParameter("position", json(position))
                .setParameter("read", eventsRead).setParameter("indexed", cardsIndexed)
                .setParameter("now", offset(clock.instant())).setParameter("id", id).executeUpdate() == 1;
    }

    /** The alias now points to the new index; live writes go there only. */
    @Transactional
    boolean swapped(UUID id, List<String> previous) {
        Instant now = clock.instant();
        return em.createNativeQuery("""
                UPDATE search_rebuild SET state = 'SWAPPED', previous_index = :previous, finished_at = :now,
                       heartbeat_at = :now
                WHERE id = :id AND state = 'RUNNING'""")
                .setParameter("previous", previous.isEmpty() ? null : String.join(",", previous))
                .setParameter("now", offset(now)).setParameter("id", id).executeUpdate() == 1;
    }

    /** Marks a running rebuild FAILED; {@code false} when it was not running (any more). */
    @Transactional
    boolean failed(UUID id, String error) {
        return em.createNativeQuery("""
                UPDATE search_rebuild SET state = 'FAILED', error = :error, finished_at = :now
                WHERE id = :id AND state = 'RUNNING'""")
                .setParameter("error", error).setParameter("now", offset(clock.instant())).setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** The running rebuilds of the alias whose heartbeat is older than {@code staleAfter}. */
    @Transactional
    List<Rebuild> stale(java.time.Duration staleAfter) {
        return rows("WHERE alias = :alias AND state = 'RUNNING' AND heartbeat_at < :before ORDER BY started_at",
                Map.of("before", offset(clock.instant().minus(staleAfter))), 100);
    }

    @Transactional
    public Optional<Rebuild> find(UUID id) {
        return rows("WHERE alias = :alias AND id = :id", Map.of("id", id), 1).stream().findFirst();
    }

    @Transactional
    Optional<Rebuild> running() {
        return rows("WHERE alias = :alias AND state = 'RUNNING'", Map.of(), 1).stream().findFirst();
    }

    /** The newest rebuilds of the alias first. */
    @Transactional
    public List<Rebuild> newest(int limit) {
        return rows("WHERE alias = :alias ORDER BY started_at DESC", Map.of(), limit);
    }

    private List<Rebuild> rows(String where, Map<String, Object> parameters, int limit) {
        var query = em.createNativeQuery("SELECT " + COLUMNS + " FROM search_rebuild " + where)
                .setParameter("alias", search.alias()).setMaxResults(limit);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::rebuild).toList();
    }

    private Rebuild rebuild(Object[] row) {
        Map<String, Long> target = offsets((String) row[8]);
        Map<String, Long> position = offsets((String) row[9]);
        long remaining = target.entrySet().stream()
                .mapToLong(t -> Math.max(0, t.getValue() - position.getOrDefault(t.getKey(), 0L))).sum();
        return new Rebuild(UUID.fromString(row[0].toString()), (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], instant(row[5]), instant(row[6]), instant(row[7]), target, position, remaining,
                ((Number) row[10]).longValue(), ((Number) row[11]).longValue(), (String) row[12]);
    }

    private Map<String, Long> offsets(String json) {
        try {
            return mapper.readValue(json, OFFSETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search_rebuild holds offsets that are not JSON: " + json, e);
        }
    }

    private String json(Map<String, Long> offsets) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(offsets));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
