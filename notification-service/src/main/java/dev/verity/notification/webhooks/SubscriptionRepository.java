package dev.verity.notification.webhooks;

import dev.verity.events.EventTypes;
import dev.verity.notification.webhooks.WebhookSubscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    private static final Sort OLDEST_FIRST = Sort.ascending("createdAt", "id");

    /** Everyone's subscriptions (for admins), oldest first. */
    public List<WebhookSubscription> all() {
        return listAll(OLDEST_FIRST);
    }

    public List<WebhookSubscription> ownedBy(String ownerId) {
        return list("ownerId", OLDEST_FIRST, ownerId);
    }

    /**
     * The active subscriptions that asked for {@code eventType}: who an event fans out to. A subscription stored
     * before the reverse-DNS types names the legacy bare name, and still asked for it.
     */
    public List<WebhookSubscription> activeFor(String eventType) {
        String legacy = EventTypes.legacyName(eventType);
        return getEntityManager().createQuery("""
                select s from WebhookSubscription s
                where s.active = true and (:type member of s.eventTypes or :legacy member of s.eventTypes)
                order by s.id""", WebhookSubscription.class)
                .setParameter("type", eventType)
                .setParameter("legacy", legacy != null ? legacy : eventType)
                .getResultList();
    }

    /**
     * Locked, so concurrent attempt results and API changes of one subscription apply one after the other; null when
     * it does not exist. The row is locked first (FOR NO KEY UPDATE: the fan-out's inserts, which only need the key,
     * are not held up) and read afterwards, so what is read is current; Hibernate's own pessimistic find does not
     * combine well with the eagerly loaded event types when two threads wait for the same row.
     */
    public WebhookSubscription lock(UUID id) {
        boolean exists = !getEntityManager()
                .createNativeQuery("SELECT id FROM webhook_subscription WHERE id = ?1 FOR NO KEY UPDATE", UUID.class)
                .setParameter(1, id)
                .getResultList().isEmpty();
        return exists ? findById(id) : null;
    }
}
