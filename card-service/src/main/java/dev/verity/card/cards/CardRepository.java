package dev.verity.card.cards;

import dev.verity.card.collections.Visibility;
import dev.verity.platform.http.PageCursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Queries on cards. */
@ApplicationScoped
public class CardRepository implements PanacheRepositoryBase<Card, UUID> {

    public Optional<Card> bySlug(String slug) {
        return find("from Card where slug = ?1", slug).firstResultOptional();
    }

    public boolean slugTaken(String slug) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM card WHERE slug = :slug").setParameter("slug", slug)
                .getResultList().isEmpty();
    }

    /**
     * Reloads the card and locks its row until the transaction ends, so a version checked after this call cannot be
     * overtaken by a concurrent writer.
     */
    public void lock(Card card) {
        getEntityManager().refresh(card, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The collection's cards with any of the external ids, locked for update. */
    public List<Card> byExternalIdsLocked(UUID collectionId, List<String> externalIds) {
        return find("from Card where collectionId = :c and externalId in :ids",
                Parameters.with("c", collectionId).and("ids", externalIds))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The cards {@code visibility} lets one see that match the filter, newest change first, after {@code after}. */
    public List<Card> matching(CardFilter filter, Visibility visibility, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id FROM card c WHERE 1 = 1");
        sql.append(visibility.restrict("c.collection_id"));
        Map<String, Object> params = new HashMap<>();
        if (filter.collectionId() != null) {
            sql.append(" AND c.collection_id = :collection");
            params.put("collection", filter.collectionId());
        }
        if (filter.folderId() != null) {
            sql.append(" AND :folder = ANY (c.folder_ids)");
            params.put("folder", filter.folderId());
        }
        if (filter.tag() != null) {
            sql.append(" AND :tag = ANY (c.tags)");
            params.put("tag", filter.tag().toLowerCase(java.util.Locale.ROOT));
        }
        if (filter.status() != null) {
            sql.append(" AND c.status = :status");
            params.put("status", filter.status().name());
        } else {
            sql.append(" AND c.status <> 'ARCHIVED'");
        }
        if (filter.ownerId() != null) {
            sql.append(" AND c.owner_id = :owner");
            params.put("owner", filter.ownerId());
        }
        if (filter.updatedSince() != null) {
            sql.append(" AND c.updated_at >= :since");
            params.put("since", filter.updatedSince());
        }
        if (after != null) {
            sql.append(" AND (c.updated_at, c.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY c.updated_at DESC, c.id DESC LIMIT :limit");
        Query query = getEntityManager().createNativeQuery(sql.toString(), UUID.class).setParameter("limit", limit);
        params.forEach(query::setParameter);
        visibility.bind(query);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return byIdsInOrder(ids);
    }

    private List<Card> byIdsInOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Card> byId = new HashMap<>();
        list("from Card where id in ?1", ids).forEach(c -> byId.put(c.id, c));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
