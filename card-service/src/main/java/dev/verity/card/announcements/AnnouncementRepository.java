package dev.verity.card.announcements;

import dev.verity.card.collections.Visibility;
import dev.verity.platform.http.PageCursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queries on announcements and their recipients. Who may read a card is decided here in SQL, for many recipients at
 * once, by the rule {@code CollectionRepository.grantsDirectoryUser} applies to one: a grant naming the user or a
 * directory group they belong to (a group only a token carries cannot be known for someone else).
 */
@ApplicationScoped
public class AnnouncementRepository implements PanacheRepositoryBase<Announcement, UUID> {

    /** {@code r.user_id} may read collection {@code :collection}. */
    private static final String READABLE = """
            EXISTS (SELECT 1 FROM collection_access ca
                     WHERE ca.collection_id = :collection
                       AND ((ca.principal_type = 'USER' AND ca.principal_id = r.user_id)
                         OR (ca.principal_type = 'GROUP' AND ca.principal_id IN
                             (SELECT gm.group_id FROM group_member gm WHERE gm.user_id = r.user_id))))""";

    /** A recipient: whether they acknowledged the current round and whether they may still read the card. */
    public record Recipient(String userId, Instant acknowledgedAt, boolean canRead) {
    }

    /** Readers among the recipients, and how many of them acknowledged. */
    public record Counts(int recipients, int acknowledged) {
    }

    /** The caller's share of an announcement in their own list. */
    public record Received(UUID announcementId, Instant acknowledgedAt) {
    }

    /**
     * Makes recipients of the directory users named and the members of the groups named, each once, except
     * {@code except} (the author) and anyone who may not read the collection; people already recipients stay as they
     * are. One statement whatever the groups' sizes.
     *
     * @return how many became recipients now
     */
    public int addRecipients(UUID announcementId, UUID collectionId, List<String> userIds, List<String> groupIds,
            String except) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO announcement_recipient (announcement_id, user_id)
                SELECT :announcement, r.user_id FROM (
                    SELECT u.id AS user_id FROM directory_user u WHERE u.id IN (:users)
                    UNION
                    SELECT m.user_id FROM group_member m WHERE m.group_id IN (:groups)) r
                 WHERE r.user_id <> :except AND """ + " " + READABLE + " " + """

                ON CONFLICT DO NOTHING""")
                .setParameter("announcement", announcementId).setParameter("collection", collectionId)
                .setParameter("users", orNone(userIds)).setParameter("groups", orNone(groupIds))
                .setParameter("except", except).executeUpdate();
    }

    /** Every recipient, in id order, with whether they may still read the card's collection. */
    public List<Recipient> recipients(UUID announcementId, UUID collectionId) {
        List<?> rows = getEntityManager().createNativeQuery("SELECT r.user_id, r.acknowledged_at, " + READABLE
                + " FROM announcement_recipient r WHERE r.announcement_id = :announcement ORDER BY r.user_id")
                .setParameter("announcement", announcementId).setParameter("collection", collectionId)
                .getResultList();
        List<Recipient> recipients = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            recipients.add(new Recipient((String) columns[0], instant(columns[1]), (Boolean) columns[2]));
        }
        return recipients;
    }

    /** Readers and acknowledgements among the recipients of each announcement (all of one collection's cards). */
    public Map<UUID, Counts> counts(List<UUID> announcementIds, UUID collectionId) {
        Map<UUID, Counts> counts = new HashMap<>();
        if (announcementIds.isEmpty()) {
            return counts;
        }
        List<?> rows = getEntityManager().createNativeQuery("""
                SELECT r.announcement_id, count(*), count(r.acknowledged_at)
                  FROM announcement_recipient r
                 WHERE r.announcement_id IN (:ids) AND """ + " " + READABLE + " " + """

                 GROUP BY r.announcement_id""")
                .setParameter("ids", announcementIds).setParameter("collection", collectionId).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put((UUID) columns[0], new Counts(((Number) columns[1]).intValue(), ((Number) columns[2]).intValue()));
        }
        return counts;
    }

    /** Whether the user is a recipient, and when they acknowledged (null: not yet); null when not a recipient. */
    public Received received(UUID announcementId, String userId) {
        List<?> rows = getEntityManager().createNativeQuery("""
                SELECT r.acknowledged_at FROM announcement_recipient r
                 WHERE r.announcement_id = :announcement AND r.user_id = :user""")
                .setParameter("announcement", announcementId).setParameter("user", userId).getResultList();
        return rows.isEmpty() ? null : new Received(announcementId, instant(rows.get(0)));
    }

    /** Records the acknowledgement unless there is one; whether this call recorded it. */
    public boolean acknowledge(UUID announcementId, String userId, Instant at) {
        return getEntityManager().createNativeQuery("""
                UPDATE announcement_recipient SET acknowledged_at = :at
                 WHERE announcement_id = :announcement AND user_id = :user AND acknowledged_at IS NULL""")
                .setParameter("at", at).setParameter("announcement", announcementId).setParameter("user", userId)
                .executeUpdate() == 1;
    }

    /** A new round: nobody has acknowledged it yet. */
    public void resetAcknowledgements(UUID announcementId) {
        getEntityManager().createNativeQuery(
                "UPDATE announcement_recipient SET acknowledged_at = NULL WHERE announcement_id = :announcement")
                .setParameter("announcement", announcementId).executeUpdate();
    }

    /** A card's announcements, newest first, one page after {@code after}. */
    public List<Announcement> ofCard(UUID cardId, PageCursor after, int limit) {
        String jpql = "from Announcement a where a.cardId = :card"
                + (after == null ? "" : " and (a.createdAt < :at or (a.createdAt = :at and a.id < :id))")
                + " order by a.createdAt desc, a.id desc";
        Parameters params = Parameters.with("card", cardId);
        if (after != null) {
            params.and("at", after.at()).and("id", after.id());
        }
        return find(jpql, params).page(0, limit).list();
    }

    /**
     * The announcements a user received of cards they may still read (not archived), newest first, one page after
     * {@code after}: all, only those they have not acknowledged ({@code acknowledged} false) or only those they have.
     */
    public List<Received> receivedBy(String userId, Visibility visibility, Boolean acknowledged, UUID cardId,
            PageCursor after, int limit) {
        Query query = getEntityManager().createNativeQuery("""
                SELECT a.id, r.acknowledged_at FROM announcement_recipient r
                  JOIN announcement a ON a.id = r.announcement_id
                  JOIN card c ON c.id = a.card_id
                 WHERE r.user_id = :user AND c.status <> 'ARCHIVED'"""
                + visibility.restrict("c.collection_id")
                + (acknowledged == null ? "" : acknowledged ? " AND r.acknowledged_at IS NOT NULL"
                        : " AND r.acknowledged_at IS NULL")
                + (cardId == null ? "" : " AND a.card_id = :card")
                + (after == null ? "" : " AND (a.created_at < :at OR (a.created_at = :at AND a.id < :id))")
                + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit")
                .setParameter("user", userId).setParameter("limit", limit);
        visibility.bind(query);
        if (cardId != null) {
            query.setParameter("card", cardId);
        }
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        List<Received> received = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            received.add(new Received((UUID) columns[0], instant(columns[1])));
        }
        return received;
    }

    private static List<String> orNone(List<String> ids) {
        return ids.isEmpty() ? List.of("") : ids; // IN () is not SQL; no principal id is empty
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
