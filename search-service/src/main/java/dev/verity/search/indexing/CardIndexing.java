package dev.verity.search.indexing;

import dev.verity.events.CardEvent;
import dev.verity.events.CardEventTypes;
import dev.verity.platform.consumer.EventConsumer.Claimed;
import dev.verity.platform.consumer.EventRejectedException;
import dev.verity.search.index.CardSignals;
import dev.verity.search.index.CardVerificationRepository;
import dev.verity.search.index.IndexWrites;
import dev.verity.search.metrics.IndexingMetrics;
import dev.verity.search.rebuild.RebuildRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Applies a batch of card events to the index, once each. */
@ApplicationScoped
public class CardIndexing {

    public static final String CONSUMER = "search-index";
    private static final Logger LOG = Logger.getLogger(CardIndexing.class);
    /** Live writes refuse an equal version too: a duplicate (a redelivery, a re-drive) changes nothing. */
    private static final String LIVE_VERSIONING = "external";

    private final IndexWrites index;
    private final CardVerificationRepository verifications;
    private final IndexingMetrics metrics;
    private final RebuildRepository rebuilds;

    CardIndexing(IndexWrites index, CardVerificationRepository verifications, IndexingMetrics metrics, RebuildRepository rebuilds) {
        this.index = index;
        this.verifications = verifications;
        this.metrics = metrics;
        this.rebuilds = rebuilds;
    }

    /**
     * Runs in the transaction that claims the batch's event ids (platform {@code EventConsumer.consumeBatch}): if
     * indexing fails the claims roll back and the retry indexes again. Elasticsearch's external versioning makes the
     * writes themselves idempotent and order-proof, so a crash between the two steps costs nothing.
     *
     * <p>Only each card's newest event in the batch is written (by card version; an older one after it, or a
     * duplicate, would be refused by Elasticsearch anyway), in one {@code _bulk}. Every type but {@code card.deleted}
     * carries the card's full state, so it is simply indexed at its version (an archived card stays in the index with
     * status ARCHIVED, which search filters out, and comes back into results when a restore indexes a newer PUBLISHED
     * version). {@code card.deleted} leaves a tombstone. Each card's signals (verification state, popularity) are merged in, under the
     * cards' row locks, taken in card-id order ({@link CardVerificationRepository#lockAll}), so this never deadlocks with the
     * verification consumer or a rebuild batch.
     *
     * <p>While a rebuild fills a new index, the documents go there too, in a {@code _bulk} of their own
     * ({@link RebuildRepository#writeTargets}, read after the row locks, so a rebuild batch that read these cards' state before
     * is committed by then, or waits for this transaction and reads what it wrote).
     *
     * <p>A document Elasticsearch refuses for good (not 409, 429 or 5xx) fails the batch with an
     * {@link EventRejectedException}; the platform then applies the batch one event at a time, so only that card's
     * event is dead-lettered (the others were written already and are refused as duplicates the second time).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Claimed<CardEvent>> events) {
        Map<UUID, Claimed<CardEvent>> newest = new TreeMap<>();
        for (Claimed<CardEvent> claimed : events) {
            newest.merge(claimed.value().cardId(), claimed, (held, next) -> next.value().cardVersion() >= held.value()
                    .cardVersion() ? next : held);
        }
        Map<UUID, CardSignals> states = verifications.lockAll(newest.values().stream()
                .filter(c -> !CardEventTypes.DELETED.equals(c.event().type())).map(c -> c.value().cardId()).toList());
        List<IndexWrites.Write> writes = new ArrayList<>(newest.size());
        for (Claimed<CardEvent> claimed : newest.values()) {
            writes.add(new IndexWrites.Write(claimed.value(), claimed.event().type(),
                    states.getOrDefault(claimed.value().cardId(), CardSignals.NONE)));
        }
        List<String> alsoInto = rebuilds.writeTargets();

        IndexWrites.BulkOutcome outcome = index.bulk(index.alias(), writes, LIVE_VERSIONING);
        metrics.bulkRequest(writes.size());
        List<IndexWrites.ItemOutcome> refused = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            IndexWrites.ItemOutcome item = outcome.items().get(i);
            CardEvent event = writes.get(i).event();
            if (item.written()) {
                metrics.indexed(event.occurredAt());
            } else if (item.older()) {
                LOG.debugf("card %s v%d is not newer than the indexed version; ignored", event.cardId(),
                        event.cardVersion());
            } else {
                refused.add(item);
            }
        }
        for (String target : alsoInto) {
            IndexWrites.BulkOutcome copy = index.bulk(target, writes, LIVE_VERSIONING);
            metrics.bulkRequest(writes.size());
            copy.items().stream().filter(IndexWrites.ItemOutcome::refused).forEach(refused::add);
        }
        if (!refused.isEmpty()) {
            IndexWrites.ItemOutcome first = refused.get(0);
            throw new EventRejectedException("Elasticsearch refused " + refused.size() + " of " + writes.size()
                    + " documents, first card " + first.cardId() + " (HTTP " + first.status() + "): " + first.error());
        }
    }
}
