package dev.verity.card.cards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.collections.Collection;
import dev.verity.card.content.MarkdownRenderer;
import dev.verity.card.content.MarkdownTooComplexException;
import dev.verity.card.content.TextRules;
import dev.verity.events.CardEventTypes;
import dev.verity.platform.jdbc.TextArrays;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Creates many cards at once (an import batch): what {@link CardWrites#create} does for one card, in three
 * statements for the whole set instead of a few per card. One query finds which candidate slugs are taken; one
 * {@code INSERT ... SELECT FROM unnest(...)} writes the cards and, from what it returns, their first versions; the
 * {@code card.created} events join the enclosing {@link CardWrites#batched} call (one outbox statement). Nothing goes
 * through Hibernate, so nothing is flushed per card.
 */
@ApplicationScoped
public class CardBatchWrites {

    /**
     * A new card checked and rendered by {@link #prepare} (possibly stored in between and read back): title stripped,
     * tags normalised, body valid and its safe HTML ready.
     */
    public record NewCard(String title, String body, String bodyHtml, List<String> tags, String externalId) {
    }

    private final EntityManager em;
    private final CardWrites writes;
    private final SlugSuffixes suffixes;
    private final ObjectMapper mapper;
    private final Clock clock;

    CardBatchWrites(EntityManager em, CardWrites writes, SlugSuffixes suffixes, ObjectMapper mapper, Clock clock) {
        this.em = em;
        this.writes = writes;
        this.suffixes = suffixes;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Every check {@link CardWrites#create} makes of a new card's content, and the rendering: a refusal is a
     * {@link ProblemException} naming the field, as for a card written through the API.
     */
    public static NewCard prepare(String title, String body, List<String> tags, String externalId, String summary) {
        List<String> normalised = CardWrites.normaliseTags(tags);
        TextRules.requireValidCard(title, body, normalised, summary);
        String html;
        try {
            html = MarkdownRenderer.toSafeHtml(body);
        } catch (MarkdownTooComplexException e) {
            throw ProblemException.invalidParameter("body", e.getMessage())
                    .with("limit", e.limit()).with("max", e.max()).with("actual", e.actual());
        }
        return new NewCard(title.strip(), body, html, normalised, externalId);
    }

    /**
     * Creates the cards in {@code collection} with the collection's verification defaults, the actor as author and
     * owner, version 1 recorded as {@code change} with {@code summary}; their {@code card.created} events are
     * published in list order.
     *
     * @return the created cards, in list order (not managed by Hibernate)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Card> createAll(Collection collection, List<NewCard> newCards, CardStatus status,
            CardVersion.Change change, String summary, String actor) {
        if (newCards.isEmpty()) {
            return List.of();
        }
        if (status == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status", "a new card is DRAFT or PUBLISHED");
        }
        Instant now = clock.instant();
        String[] slugs = SlugAllocation.allocate(newCards.stream().map(NewCard::title).toList(), suffixes::next,
                this::slugsTaken);
        List<Card> cards = new ArrayList<>(newCards.size());
        for (int i = 0; i < newCards.size(); i++) {
            NewCard n = newCards.get(i);
            Card card = new Card();
            card.id = UUID.randomUUID();
            card.version = 1;
            card.collectionId = collection.id;
            card.folderIds = new ArrayList<>();
            card.title = n.title();
            card.body = n.body();
            card.bodyHtml = n.bodyHtml();
            card.tags = new ArrayList<>(n.tags());
            card.status = status;
            card.authorId = actor;
            card.ownerId = actor;
            card.verifierId = collection.defaultVerifierId;
            card.verificationIntervalDays = collection.defaultIntervalDays;
            card.verifyOn = collection.defaultVerifyOn;
            card.externalId = n.externalId();
            card.slug = slugs[i];
            card.createdAt = now;
            card.createdBy = actor;
            card.updatedAt = now;
            card.updatedBy = actor;
            cards.add(card);
        }
        insert(collection, cards, status, change, summary, actor, now);
        writes.batched(() -> cards.forEach(card -> writes.publish(CardEventTypes.CREATED, card, actor)));
        return cards;
    }

    /** The cards, then their first versions from what the card insert returns: one statement, one round trip. */
    private void insert(Collection collection, List<Card> cards, CardStatus status, CardVersion.Change change,
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

    /** What an import compares a document with: a card's content and status, not managed by Hibernate. */
    public record Current(UUID id, String externalId, String title, String body, List<String> tags, CardStatus status) {
    }

    /**
     * The collection's cards with any of the external ids, read in one query without locking them: an import
     * compares with them and skips the unchanged ones, and locks only those it then changes
     * ({@link CardRepository#byExternalIdsLocked}).
     */
    public Map<String, Current> currentByExternalId(UUID collectionId, List<String> externalIds) {
        Map<String, Current> byExternalId = new HashMap<>();
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
                            Current current = new Current(rows.getObject(1, UUID.class), rows.getString(2),
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
    private Set<String> slugsTaken(Set<String> candidates) {
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
