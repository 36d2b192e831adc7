package dev.verity.search.gaps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/** Records searches and clicks, and reports what people looked for and did not find. */
@ApplicationScoped
public class SearchLogRepository {

    private final EntityManager em;
    private final DataSource statistics;
    private final Clock clock;
    private final GapsConfig config;

    SearchLogRepository(EntityManager em, @io.quarkus.agroal.DataSource("statistics") DataSource statistics, Clock clock,
            GapsConfig config) {
        this.em = em;
        this.statistics = statistics;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Records a first-page search; returns its id, for the clicks on its hits. Every search pays for this insert, so
     * it is one autocommit statement on the {@code statistics} pool (application.properties): no JTA transaction, and
     * its commit does not wait for the WAL to reach the disk. A database crash may forget the last fraction of a
     * second of searches, never corrupt anything. A statistic, not a record anyone relies on.
     */
    public long searched(String query, boolean filtered, long hits, String userId, List<String> shown) {
        try (Connection connection = statistics.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO search_log (searched_at, query, filtered, hits, searcher, hit_ids)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            insert.setString(2, normalised(query));
            insert.setBoolean(3, filtered);
            insert.setLong(4, hits);
            insert.setString(5, pseudonym(userId));
            insert.setArray(6, connection.createArrayOf("uuid", uuids(shown)));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a search", e);
        }
    }

    /** The hits of a later page of a recorded search (the caller's own), clickable like the first page's. */
    public void shownMore(long searchId, String userId, List<String> shown) {
        if (shown.isEmpty()) {
            return;
        }
        try (Connection connection = statistics.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE search_log SET hit_ids = hit_ids || ?
                         WHERE id = ? AND searcher = ? AND cardinality(hit_ids) < ?""")) {
            update.setArray(1, connection.createArrayOf("uuid", uuids(shown)));
            update.setLong(2, searchId);
            update.setString(3, pseudonym(userId));
            update.setInt(4, MAX_HITS_KEPT);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a later page of search " + searchId, e);
        }
    }

    /** A search paged further than this keeps no more hits: nobody opens the 1,001st. */
    static final int MAX_HITS_KEPT = 1000;

    /**
     * Records a click on a hit of the caller's own search; false when that search is not theirs, does not exist, or
     * did not show the card (a click can be credited neither to someone else's search nor to a card never shown).
     * A second click on the same hit counts once.
     */
    @Transactional
    public boolean clicked(long searchId, UUID cardId, String userId) {
        int inserted = em.createNativeQuery("""
                INSERT INTO search_click (search_id, card_id, clicked_at)
                SELECT id, ?2, ?3 FROM search_log WHERE id = ?1 AND searcher = ?4 AND ?2 = ANY (hit_ids)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, searchId).setParameter(2, cardId)
                .setParameter(3, clock.instant().atOffset(ZoneOffset.UTC)).setParameter(4, pseudonym(userId))
                .executeUpdate();
        if (inserted == 1) {
            return true;
        }
        return !em.createNativeQuery(
                        "SELECT 1 FROM search_log WHERE id = ?1 AND searcher = ?2 AND ?3 = ANY (hit_ids)")
                .setParameter(1, searchId).setParameter(2, pseudonym(userId)).setParameter(3, cardId)
                .getResultList().isEmpty();
    }

    private static UUID[] uuids(List<String> ids) {
        List<UUID> parsed = new ArrayList<>();
        for (String id : ids) {
            try {
                parsed.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // not a card id card-service could have written: nobody can click it
            }
        }
        return parsed.toArray(UUID[]::new);
    }

    /** One query of the report: how often it was searched, by how many people. */
    public record QueryCount(String query, long searches, long searchers) {
    }

    /** One day of the report. */
    public record DayCount(LocalDate day, long searches, long zeroResult, long clicked) {
    }

    public record Report(Instant from, Instant to, List<QueryCount> zeroResult, List<QueryCount> noClick,
            List<DayCount> daily) {
    }

    /**
     * The most frequent queries that found nothing, the most frequent that found cards nobody clicked, and daily
     * counts, between {@code from} (inclusive) and {@code to}.
     */
    @Transactional
    public Report report(Instant from, Instant to, int limit) {
        List<QueryCount> zero = counts("""
                SELECT query, count(*), count(DISTINCT searcher) FROM search_log
                 WHERE searched_at >= ?1 AND searched_at < ?2 AND hits = 0
                 GROUP BY query ORDER BY count(*) DESC, query LIMIT ?3""", from, to, limit);
        List<QueryCount> noClick = counts("""
                SELECT s.query, count(*), count(DISTINCT s.searcher) FROM search_log s
                 WHERE s.searched_at >= ?1 AND s.searched_at < ?2 AND s.hits > 0
                   AND NOT EXISTS (SELECT 1 FROM search_click c WHERE c.search_id = s.id)
                 GROUP BY s.query ORDER BY count(*) DESC, s.query LIMIT ?3""", from, to, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> days = em.createNativeQuery("""
                SELECT CAST(date_trunc('day', s.searched_at AT TIME ZONE 'UTC') AS date), count(*),
                       count(*) FILTER (WHERE s.hits = 0),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM search_click c WHERE c.search_id = s.id))
                  FROM search_log s WHERE s.searched_at >= ?1 AND s.searched_at < ?2
                 GROUP BY 1 ORDER BY 1""")
                .setParameter(1, from.atOffset(ZoneOffset.UTC)).setParameter(2, to.atOffset(ZoneOffset.UTC))
                .getResultList();
        List<DayCount> daily = new ArrayList<>();
        for (Object[] row : days) {
            LocalDate day = row[0] instanceof LocalDate date ? date : ((java.sql.Date) row[0]).toLocalDate();
            daily.add(new DayCount(day, ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue()));
        }
        return new Report(from, to, zero, noClick, daily);
    }

    /** Forgets searches older than the retention. */
    @Transactional
    public int purge() {
        return em.createNativeQuery("DELETE FROM search_log WHERE searched_at < ?1")
                .setParameter(1, clock.instant().minus(config.retention()).atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    private List<QueryCount> counts(String sql, Instant from, Instant to, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, from.atOffset(ZoneOffset.UTC))
                .setParameter(2, to.atOffset(ZoneOffset.UTC)).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new QueryCount((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }

    /** Case and spacing do not make another query. */
    static String normalised(String query) {
        return query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private String pseudonym(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
