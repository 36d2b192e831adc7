package dev.verity.card.cards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.collections.Collection;
import dev.verity.platform.jdbc.TextArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The statements of {@link CardBatchWrites}: plain JDBC with one array parameter a column, so many cards cost one
 * round trip and one plan, and Hibernate neither tracks nor flushes anything.
 */
@ApplicationScoped
class CardBatchRepository {

    private final EntityManager em;
    private final ObjectMapper mapper;

    CardBatchRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** The cards, then their first versions from what the card insert returns: one statement, one round trip. */
    void insertWithFirstVersions(Collection collection, List<Card> cards, CardStatus status, CardVersion.Change change,
            String summary, String actor, Instant now) {
        int n = cards.size();
        String[] ids = new String[n];
        String[] titles = new String[n];
        String[] bodies = new String[n];
        String[] html = new String[n];
        String[] tags = new String[n];
        String[] slugs = new String[n];
        String[] externalIds = new String[n];
        for (int i = 0; i < n; i++) {
            Card card = cards.get(i);
            ids[i] = card.id.toString();
            titles[i] = card.title;
            bodies[i] = card.body;
            html[i] = card.bodyHtml;
            tags[i] = json(card.tags); // unnest flattens a two-dimensional array, so each row's tags travel as JSON
            slugs[i] = card.slug;
            externalIds[i] = card.externalId;
        }
        String sql = """
                WITH c AS (
                  INSERT INTO card (id, version, title, body, tags, status, author_id, verifier_id,
                                    verification_interval_days, created_at, created_by, updated_at, updated_by,
                                    collection_id, folder_ids, slug, owner_id, body_html, verify_on, external_id)
                  SELECT CAST(e.id AS uuid), 1, e.title, e.body,
                         ARRAY(SELECT jsonb_array_elements_text(CAST(e.tags AS jsonb))), p.status, p.actor,
                         p.verifier, p.interval_days, p.now, p.actor, p.now, p.actor, p.collection, '{}', e.slug,
                         p.actor, e.html, p.verify_on, e.external_id
                    FROM (SELECT CAST(? AS text) AS status, CAST(? AS text) AS actor, CAST(? AS text) AS verifier,
                                 CAST(? AS int) AS interval_days, CAST(? AS timestamptz) AS now,
                                 CAST(? AS uuid) AS collection, CAST(? AS date) AS verify_on) p,
                         unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                           AS e(id, title, body, html, tags, slug, external_id)
                  RETURNING id, title, body, tags, status, author_id, created_at)
                INSERT INTO card_version (card_id, version, change, summary, title, body, tags, status, author_id,
                                          created_at)
                SELECT c.id, 1, CAST(? AS text), CAST(? AS text), c.title, c.body, c.tags, c.status, c.author_id,
                       c.created_at
                  FROM c""";
        // the two version parameters come after the arrays in the text: bound by hand after TextArrays' ones
        List<Object> leading = Arrays.asList(status.name(), actor, collection.defaultVerifierId,
                collection.defaultIntervalDays, now.atOffset(ZoneOffset.UTC), collection.id, collection.defaultVerifyOn);
        String[][] columns = {ids, titles, bodies, html, tags, slugs, externalIds};
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, sql, leading, columns,
                statement -> {
                    int next = leading.size() + columns.length + 1;
                    statement.setString(next, change.name());
                    statement.setString(next + 1, summary);
                    return statement.executeUpdate();
                }));
    }

    /**
     * The collection's cards with any of the external ids, read in one query without locking them: an import
     * compares with them and skips the unchanged ones, and locks only those it then changes
     * ({@link CardRepository#byExternalIdsLocked}).
     */
    Map<String, CardBatchWrites.Current> currentByExternalId(UUID collectionId, List<String> externalIds) {
        Map<String, CardBatchWrites.Current> byExternalId = new HashMap<>();
        if (externalIds.isEmpty()) {
            return byExternalId;
        }
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection, """
                SELECT id, external_id, title, body, tags, status FROM card
                 WHERE collection_id = CAST(? AS uuid) AND external_id = ANY (?::text[])""", List.of(collectionId),
                new String[][] {externalIds.toArray(String[]::new)}, statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            java.sql.Array tags = rows.getArray(5);
                            CardBatchWrites.Current current = new CardBatchWrites.Current(rows.getObject(1, UUID.class), rows.getString(2),
                                    rows.getString(3), rows.getString(4), List.of((String[]) tags.getArray()),
                                    CardStatus.valueOf(rows.getString(6)));
                            tags.free();
                            byExternalId.put(current.externalId(), current);
                        }
                    }
                    return null;
                }));
        return byExternalId;
    }

    /** Of the candidates, the slugs some card already has. */
    Set<String> slugsTaken(Set<String> candidates) {
        Set<String> taken = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> TextArrays.execute(connection,
                "SELECT slug FROM card WHERE slug = ANY (?::text[])", List.of(),
                new String[][] {candidates.toArray(String[]::new)}, statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            taken.add(rows.getString(1));
                        }
                    }
                    return null;
                }));
        return taken;
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
