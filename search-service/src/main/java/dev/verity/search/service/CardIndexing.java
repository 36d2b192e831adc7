package dev.verity.search.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.platform.inbox.Inbox;
import dev.verity.search.index.CardIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Applies one card event to the index, once. */
@ApplicationScoped
public class CardIndexing {

    static final String CONSUMER = "search-index";
    private static final Logger LOG = Logger.getLogger(CardIndexing.class);

    private final Inbox inbox;
    private final CardIndex index;

    CardIndexing(Inbox inbox, CardIndex index) {
        this.inbox = inbox;
        this.index = index;
    }

    /**
     * The event id is claimed in the same transaction that follows the index write: if indexing fails the claim
     * rolls back and the retry indexes again. Elasticsearch's external versioning makes the write itself
     * idempotent and order-proof, so a crash between the two steps costs nothing.
     *
     * <p>Every type but {@code card.deleted} carries the card's full state, so it is simply indexed at its version
     * (an archived card stays in the index with status ARCHIVED, which search filters out, and comes back into
     * results when a restore indexes a newer PUBLISHED version). {@code card.deleted} removes the document.
     */
    @Transactional
    public void apply(String eventId, CardEvent event, String type) {
        if (!inbox.claim(CONSUMER, eventId)) {
            LOG.debugf("event %s already applied", eventId);
            return;
        }
        boolean applied = CardEventTypes.DELETED.equals(type)
                ? index.delete(event.cardId(), event.cardVersion())
                : index.index(event.card());
        if (!applied) {
            LOG.debugf("card %s v%d (%s) is older than the indexed version; ignored", event.cardId(),
                    event.cardVersion(), type);
        }
    }
}
