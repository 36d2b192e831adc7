package dev.verity.search.service;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.search.index.CardIndex;
import dev.verity.search.index.CardSignals;
import dev.verity.search.metrics.IndexingMetrics;
import dev.verity.search.rebuild.Rebuilds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Applies one card event to the index, once. */
@ApplicationScoped
public class CardIndexing {

    public static final String CONSUMER = "search-index";
    private static final Logger LOG = Logger.getLogger(CardIndexing.class);

    private final CardIndex index;
    private final CardVerifications verifications;
    private final IndexingMetrics metrics;
    private final Rebuilds rebuilds;

    CardIndexing(CardIndex index, CardVerifications verifications, IndexingMetrics metrics, Rebuilds rebuilds) {
        this.index = index;
        this.verifications = verifications;
        this.metrics = metrics;
        this.rebuilds = rebuilds;
    }

    /**
     * Runs in the transaction that claims the event id (platform {@code EventConsumer}): if indexing fails the
     * claim rolls back and the retry indexes again. Elasticsearch's external versioning makes the write itself
     * idempotent and order-proof, so a crash between the two steps costs nothing.
     *
     * <p>Every type but {@code card.deleted} carries the card's full state, so it is simply indexed at its version
     * (an archived card stays in the index with status ARCHIVED, which search filters out, and comes back into
     * results when a restore indexes a newer PUBLISHED version). {@code card.deleted} leaves a tombstone. The card's
     * signals (verification state, popularity) are merged in, under the card's row lock (see {@link CardVerifications#lock}).
     *
     * <p>While a rebuild fills a new index, the document goes there too ({@link Rebuilds#writeTargets}, read after
     * the row lock, so a rebuild batch that read this card's state before is committed by then, or waits for this
     * transaction and reads what it wrote).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, CardEvent event, String type) {
        CardSignals signals = CardEventTypes.DELETED.equals(type) ? CardSignals.NONE
                : verifications.lock(event.cardId()).signals();
        boolean applied = index.write(event, type, signals, rebuilds.writeTargets());
        if (applied) {
            metrics.indexed(event.occurredAt());
        } else {
            LOG.debugf("card %s v%d (%s) is older than the indexed version; ignored", event.cardId(),
                    event.cardVersion(), type);
        }
    }
}
