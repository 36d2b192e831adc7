package dev.verity.card.usage;

import dev.verity.platform.jdbc.TextArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Every query of the usage tables ({@code V8__usage_and_auto_archive.sql}) and of the auto-archive pass. */
@ApplicationScoped
public class UsageRepository {

    /** The advisory lock one auto-archive pass holds, whichever instance runs it ("auto-archive" as a number). */
    static final long AUTO_ARCHIVE_LOCK = 0x6175746f41726368L;

    /** One day's counts. */
    public record Day(LocalDate day, long views, long uniqueViewers, long copies, long links) {
    }

    /** Counts over a period. */
    public record Totals(long views, long uniqueViewers, long copies, long links) {
    }

    /** One card's counts over a period. */
    public record CardTotals(UUID cardId, String title, long views, long uniqueViewers, long copies, long links) {
    }

    /** A helpdesk ticket linked to a card. */
    public record Link(UUID id, UUID cardId, String system, String ticketId, String url, Instant createdAt,
            String createdBy) {
    }

    /** A card's report: its counts over the window and its links now. */
    public record Report(UUID cardId, UUID collectionId, long views, long uniqueViewers, long copies, long linksAdded,
            long links, Instant lastViewedAt, Instant changedAt) {
    }

    /** A card the auto-archive pass warns about: idle since when, in a collection archiving after how many days. */
    public record Idle(UUID cardId, Instant idleSince, int afterDays) {
    }

    private final EntityManager em;

    UsageRepository(EntityManager em) {
        this.em = em;
    }

    // --- counting ----------------------------------------------------------------------------------------------------

    /**
     * Counts the views (one per card and person in a call): each only if that person's last counted view of the card
     * is at least {@code window} older (the row lock of {@code usage_viewer} decides between instances), into the day
     * it happened, and marks each card's usage changed with its last view.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countViews(List<UsageBuffer.View> views, Duration window, Instant now) {
        if (views.isEmpty()) {
            return;
        }
        String[] cards = new String[views.size()];
        String[] viewers = new String[views.size()];
        String[] times = new String[views.size()];
        for (int i = 0; i < views.size(); i++) {
            cards[i] = views.get(i).cardId().toString();
            viewers[i] = views.get(i).viewerId();
            times[i] = views.get(i).at().toString();
        }
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                WITH params AS (SELECT ?::interval AS win, ?::timestamptz AS now),
                input AS (
                    SELECT DISTINCT ON (card_id, viewer_id) card_id::uuid AS card_id, viewer_id, at::timestamptz AS at
                      FROM unnest(?::text[], ?::text[], ?::text[]) AS t(card_id, viewer_id, at)
                     ORDER BY card_id, viewer_id, at),
                counted AS (
                    INSERT INTO usage_viewer AS v (card_id, viewer_id, counted_at)
                    SELECT card_id, viewer_id, at FROM input
                    ON CONFLICT (card_id, viewer_id) DO UPDATE SET counted_at = EXCLUDED.counted_at
                     WHERE v.counted_at <= EXCLUDED.counted_at - (SELECT win FROM params)
                    RETURNING card_id, viewer_id, counted_at),
                daily AS (
                    INSERT INTO usage_view_day AS d (card_id, day, viewer_id, views)
                    SELECT card_id, (counted_at AT TIME ZONE 'UTC')::date, viewer_id, 1 FROM counted
                    ON CONFLICT (card_id, day, viewer_id) DO UPDATE SET views = d.views + 1)
                INSERT INTO card_usage_state AS s (card_id, last_viewed_at, changed_at)
                SELECT card_id, max(counted_at), (SELECT now FROM params) FROM counted GROUP BY card_id
                ON CONFLICT (card_id) DO UPDATE SET
                    last_viewed_at = GREATEST(s.last_viewed_at, EXCLUDED.last_viewed_at),
                    changed_at = EXCLUDED.changed_at""",
                List.of(window.toString(), now.toString()), new String[][] { cards, viewers, times },
                statement -> statement.executeUpdate()));
    }

    /** Adds the copies to their days and marks each card's usage changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countCopies(Map<UsageBuffer.CopyKey, Long> copies, Instant now) {
        if (copies.isEmpty()) {
            return;
        }
        String[] cards = new String[copies.size()];
        String[] days = new String[copies.size()];
        String[] counts = new String[copies.size()];
        int i = 0;
        for (Map.Entry<UsageBuffer.CopyKey, Long> e : copies.entrySet()) {
            cards[i] = e.getKey().cardId().toString();
            days[i] = e.getKey().day().toString();
            counts[i++] = e.getValue().toString();
        }
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                WITH params AS (SELECT ?::timestamptz AS now),
                input AS (SELECT card_id::uuid AS card_id, day::date AS day, n::int AS n
                            FROM unnest(?::text[], ?::text[], ?::text[]) AS t(card_id, day, n)),
                added AS (
                    INSERT INTO usage_day AS u (card_id, day, copies) SELECT card_id, day, n FROM input
                    ON CONFLICT (card_id, day) DO UPDATE SET copies = u.copies + EXCLUDED.copies)
                INSERT INTO card_usage_state AS s (card_id, changed_at)
                SELECT DISTINCT card_id, (SELECT now FROM params) FROM input
                ON CONFLICT (card_id) DO UPDATE SET changed_at = EXCLUDED.changed_at""",
                List.of(now.toString()), new String[][] { cards, days, counts },
                statement -> statement.executeUpdate()));
    }

    // --- links -------------------------------------------------------------------------------------------------------

    /**
     * Links the ticket to the card unless it already is (one per card, system and ticket): returns the link and
     * whether it is new. A new link counts on its day and marks the card's usage changed; an old one gets the url.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map.Entry<Link, Boolean> link(UUID cardId, String system, String ticketId, String url, String actor,
            Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int inserted = em.createNativeQuery("""
                INSERT INTO card_link (id, card_id, system, ticket_id, url, created_at, created_by)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (card_id, system, ticket_id) DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, cardId).setParameter(3, system)
                .setParameter(4, ticketId).setParameter(5, url).setParameter(6, at).setParameter(7, actor)
                .executeUpdate();
        if (inserted == 1) {
            em.createNativeQuery("""
                    INSERT INTO usage_day AS u (card_id, day, links) VALUES (?1, ?2, 1)
                    ON CONFLICT (card_id, day) DO UPDATE SET links = u.links + 1""")
                    .setParameter(1, cardId).setParameter(2, LocalDate.ofInstant(now, ZoneOffset.UTC)).executeUpdate();
            changed(cardId, now);
        } else {
            em.createNativeQuery("UPDATE card_link SET url = ?4 WHERE card_id = ?1 AND system = ?2 AND ticket_id = ?3")
                    .setParameter(1, cardId).setParameter(2, system).setParameter(3, ticketId).setParameter(4, url)
                    .executeUpdate();
        }
        Link link = links("WHERE card_id = ?1 AND system = ?2 AND ticket_id = ?3", cardId, system, ticketId).get(0);
        return Map.entry(link, inserted == 1);
    }

    /** The card's links, newest first, keyset-paginated by (created_at, id). */
    @Transactional
    public List<Link> links(UUID cardId, Instant beforeAt, UUID beforeId, int limit) {
        if (beforeAt == null) {
            return links("WHERE card_id = ?1 ORDER BY created_at DESC, id DESC LIMIT " + limit, cardId);
        }
        return links("WHERE card_id = ?1 AND (created_at, id) < (?2, ?3) ORDER BY created_at DESC, id DESC LIMIT "
                + limit, cardId, beforeAt.atOffset(ZoneOffset.UTC), beforeId);
    }

    /** Removes the link; false when the card has no such link. The card's usage changed (its link count). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean unlink(UUID cardId, UUID linkId, Instant now) {
        boolean removed = em.createNativeQuery("DELETE FROM card_link WHERE card_id = ?1 AND id = ?2")
                .setParameter(1, cardId).setParameter(2, linkId).executeUpdate() == 1;
        if (removed) {
            changed(cardId, now);
        }
        return removed;
    }

    private List<Link> links(String where, Object... parameters) {
        var query = em.createNativeQuery(
                "SELECT id, card_id, system, ticket_id, url, created_at, created_by FROM card_link " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Link((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                instant(r[5]), (String) r[6])).toList();
    }

    private void changed(UUID cardId, Instant now) {
        em.createNativeQuery("""
                INSERT INTO card_usage_state AS s (card_id, changed_at) VALUES (?1, ?2)
                ON CONFLICT (card_id) DO UPDATE SET changed_at = EXCLUDED.changed_at""")
                .setParameter(1, cardId).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    // --- reading usage -----------------------------------------------------------------------------------------------

    /** Every day from {@code from} to {@code to} (inclusive) with the counts of the cards {@code cards} selects. */
    private List<Day> daily(String cards, Object scope, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH days AS (SELECT CAST(generate_series(CAST(?1 AS date), CAST(?2 AS date), interval '1 day') AS date) AS day),
                v AS (SELECT day, sum(views) AS views, count(DISTINCT viewer_id) AS viewers FROM usage_view_day
                       WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s) GROUP BY day),
                u AS (SELECT day, sum(copies) AS copies, sum(links) AS links FROM usage_day
                       WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s) GROUP BY day)
                SELECT d.day, COALESCE(v.views, 0), COALESCE(v.viewers, 0), COALESCE(u.copies, 0), COALESCE(u.links, 0)
                  FROM days d LEFT JOIN v ON v.day = d.day LEFT JOIN u ON u.day = d.day ORDER BY d.day""".formatted(cards))
                .setParameter(1, from).setParameter(2, to).setParameter(3, scope).getResultList();
        return rows.stream().map(r -> new Day(localDate(r[0]), num(r[1]), num(r[2]), num(r[3]), num(r[4]))).toList();
    }

    private Totals totals(String cards, Object scope, LocalDate from, LocalDate to) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT (SELECT COALESCE(sum(views), 0) FROM usage_view_day WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s)),
                       (SELECT count(DISTINCT viewer_id) FROM usage_view_day WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s)),
                       (SELECT COALESCE(sum(copies), 0) FROM usage_day WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s)),
                       (SELECT COALESCE(sum(links), 0) FROM usage_day WHERE day BETWEEN ?1 AND ?2 AND card_id IN (%1$s))"""
                .formatted(cards))
                .setParameter(1, from).setParameter(2, to).setParameter(3, scope).getSingleResult();
        return new Totals(num(r[0]), num(r[1]), num(r[2]), num(r[3]));
    }

    @Transactional
    public List<Day> cardDaily(UUID cardId, LocalDate from, LocalDate to) {
        return daily("?3", cardId, from, to);
    }

    @Transactional
    public Totals cardTotals(UUID cardId, LocalDate from, LocalDate to) {
        return totals("?3", cardId, from, to);
    }

    @Transactional
    public List<Day> collectionDaily(UUID collectionId, LocalDate from, LocalDate to) {
        return daily("SELECT id FROM card WHERE collection_id = ?3", collectionId, from, to);
    }

    @Transactional
    public Totals collectionTotals(UUID collectionId, LocalDate from, LocalDate to) {
        return totals("SELECT id FROM card WHERE collection_id = ?3", collectionId, from, to);
    }

    /**
     * The collection's cards (archived ones left out) by use in the period: views first, then copies and links;
     * {@code most} the most used first, otherwise the least used first (cards nobody used included).
     */
    @Transactional
    public List<CardTotals> ranked(UUID collectionId, LocalDate from, LocalDate to, boolean most, int limit) {
        String order = most ? "DESC" : "ASC";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH cards AS (SELECT id, title, updated_at FROM card WHERE collection_id = ?3 AND status <> 'ARCHIVED'),
                v AS (SELECT card_id, sum(views) AS views, count(DISTINCT viewer_id) AS viewers FROM usage_view_day
                       WHERE day BETWEEN ?1 AND ?2 AND card_id IN (SELECT id FROM cards) GROUP BY card_id),
                u AS (SELECT card_id, sum(copies) AS copies, sum(links) AS links FROM usage_day
                       WHERE day BETWEEN ?1 AND ?2 AND card_id IN (SELECT id FROM cards) GROUP BY card_id)
                SELECT c.id, c.title, COALESCE(v.views, 0) AS views, COALESCE(v.viewers, 0),
                       COALESCE(u.copies, 0) AS copies, COALESCE(u.links, 0) AS links
                  FROM cards c LEFT JOIN v ON v.card_id = c.id LEFT JOIN u ON u.card_id = c.id
                 ORDER BY views %1$s, copies %1$s, links %1$s, c.updated_at %1$s, c.id LIMIT ?4""".formatted(order))
                .setParameter(1, from).setParameter(2, to).setParameter(3, collectionId).setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new CardTotals((UUID) r[0], (String) r[1], num(r[2]), num(r[3]), num(r[4]),
                num(r[5]))).toList();
    }

    @Transactional
    public long linkCount(UUID cardId) {
        return num(em.createNativeQuery("SELECT count(*) FROM card_link WHERE card_id = ?1").setParameter(1, cardId)
                .getSingleResult());
    }

    @Transactional
    public Optional<Instant> lastViewedAt(UUID cardId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT last_viewed_at FROM card_usage_state WHERE card_id = ?1")
                .setParameter(1, cardId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(instant(rows.get(0)));
    }

    // --- reports -----------------------------------------------------------------------------------------------------

    /**
     * Claims up to {@code limit} cards whose usage changed since their last report (row locks, {@code SKIP LOCKED}:
     * two instances report different cards) and returns each one's report over the days from {@code from}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Report> claimReports(LocalDate from, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH claimed AS (
                    SELECT card_id, last_viewed_at, changed_at FROM card_usage_state
                     WHERE changed_at IS NOT NULL AND (reported_at IS NULL OR reported_at < changed_at)
                     ORDER BY changed_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
                SELECT k.card_id, c.collection_id,
                       (SELECT COALESCE(sum(views), 0) FROM usage_view_day WHERE card_id = k.card_id AND day >= ?1),
                       (SELECT count(DISTINCT viewer_id) FROM usage_view_day WHERE card_id = k.card_id AND day >= ?1),
                       (SELECT COALESCE(sum(copies), 0) FROM usage_day WHERE card_id = k.card_id AND day >= ?1),
                       (SELECT COALESCE(sum(links), 0) FROM usage_day WHERE card_id = k.card_id AND day >= ?1),
                       (SELECT count(*) FROM card_link WHERE card_id = k.card_id),
                       k.last_viewed_at, k.changed_at
                  FROM claimed k LEFT JOIN card c ON c.id = k.card_id""")
                .setParameter(1, from).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Report((UUID) r[0], (UUID) r[1], num(r[2]), num(r[3]), num(r[4]), num(r[5]),
                num(r[6]), r[7] == null ? null : instant(r[7]), instant(r[8]))).toList();
    }

    /** The card was reported as its usage stood at {@code changedAt}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reported(UUID cardId, Instant changedAt) {
        em.createNativeQuery("UPDATE card_usage_state SET reported_at = ?2 WHERE card_id = ?1")
                .setParameter(1, cardId).setParameter(2, changedAt.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /**
     * Cards with views, copies or links on {@code day} (the day that just left the report window) are reported again,
     * so their counts shrink in the consumers too.
     */
    @Transactional
    public int leftTheWindow(LocalDate day, Instant now) {
        return em.createNativeQuery("""
                UPDATE card_usage_state SET changed_at = ?2
                 WHERE card_id IN (SELECT card_id FROM usage_view_day WHERE day = ?1
                                   UNION SELECT card_id FROM usage_day WHERE day = ?1)""")
                .setParameter(1, day).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    // --- retention ---------------------------------------------------------------------------------------------------

    /** Forgets the days before {@code before}, and what is left of deleted cards; returns the rows removed. */
    @Transactional
    public int purge(LocalDate before) {
        int removed = em.createNativeQuery("DELETE FROM usage_view_day WHERE day < ?1").setParameter(1, before)
                .executeUpdate();
        removed += em.createNativeQuery("DELETE FROM usage_day WHERE day < ?1").setParameter(1, before).executeUpdate();
        removed += em.createNativeQuery("DELETE FROM usage_viewer WHERE counted_at < ?1")
                .setParameter(1, before.atStartOfDay().atOffset(ZoneOffset.UTC)).executeUpdate();
        removed += em.createNativeQuery("""
                DELETE FROM card_usage_state s WHERE NOT EXISTS (SELECT 1 FROM card c WHERE c.id = s.card_id)""")
                .executeUpdate();
        return removed;
    }

    // --- auto-archive ------------------------------------------------------------------------------------------------

    /**
     * Takes the auto-archive pass's lock for this transaction; false when another pass (on any instance) holds it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryAutoArchiveLock() {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, AUTO_ARCHIVE_LOCK)
                .getSingleResult();
    }

    /**
     * Withdraws the warnings of cards viewed or edited since they were warned, archived or moved meanwhile by someone,
     * or in a collection that turned auto-archive off; returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelWarnings() {
        return em.createNativeQuery("""
                UPDATE card_usage_state s SET warned_at = NULL, archive_at = NULL
                  FROM card c JOIN collection k ON k.id = c.collection_id
                 WHERE c.id = s.card_id AND s.warned_at IS NOT NULL
                   AND (c.updated_at > s.warned_at OR COALESCE(s.last_viewed_at > s.warned_at, false)
                        OR c.status = 'ARCHIVED' OR k.auto_archive_after_days = 0)""").executeUpdate();
    }

    /** Warned cards whose archive time has come (and that nobody viewed or edited since the warning). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> dueForArchive(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                SELECT s.card_id FROM card_usage_state s JOIN card c ON c.id = s.card_id
                  JOIN collection k ON k.id = c.collection_id
                 WHERE s.warned_at IS NOT NULL AND s.archive_at <= ?1 AND c.status <> 'ARCHIVED'
                   AND k.auto_archive_after_days > 0 AND c.updated_at <= s.warned_at
                   AND COALESCE(s.last_viewed_at <= s.warned_at, true)
                 ORDER BY s.archive_at LIMIT ?2""")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
        return ids;
    }

    /**
     * Cards not yet warned of collections with auto-archive on, idle (no view, no edit) for the collection's days less
     * {@code warningDays}: each with when it went idle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Idle> idle(Instant now, int warningDays, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, GREATEST(c.updated_at, COALESCE(s.last_viewed_at, c.updated_at)) AS idle_since,
                       k.auto_archive_after_days
                  FROM collection k JOIN card c ON c.collection_id = k.id
                  LEFT JOIN card_usage_state s ON s.card_id = c.id
                 WHERE k.auto_archive_after_days > 0 AND c.status <> 'ARCHIVED' AND s.warned_at IS NULL
                   AND GREATEST(c.updated_at, COALESCE(s.last_viewed_at, c.updated_at))
                       <= CAST(?1 AS timestamptz) - make_interval(days => k.auto_archive_after_days - CAST(?2 AS int))
                 ORDER BY idle_since LIMIT ?3""")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, warningDays).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(r -> new Idle((UUID) r[0], instant(r[1]), ((Number) r[2]).intValue())).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void warned(UUID cardId, Instant warnedAt, Instant archiveAt) {
        em.createNativeQuery("""
                INSERT INTO card_usage_state AS s (card_id, warned_at, archive_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (card_id) DO UPDATE SET warned_at = EXCLUDED.warned_at, archive_at = EXCLUDED.archive_at""")
                .setParameter(1, cardId).setParameter(2, warnedAt.atOffset(ZoneOffset.UTC))
                .setParameter(3, archiveAt.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void clearWarning(UUID cardId) {
        em.createNativeQuery("UPDATE card_usage_state SET warned_at = NULL, archive_at = NULL WHERE card_id = ?1")
                .setParameter(1, cardId).executeUpdate();
    }

    /** When the card was warned, if it is under a warning. */
    @Transactional
    public Optional<Instant> warnedAt(UUID cardId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT warned_at FROM card_usage_state WHERE card_id = ?1")
                .setParameter(1, cardId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(instant(rows.get(0)));
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value);
    }

}
