package dev.verity.card.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardBatchWrites;
import dev.verity.card.cards.CardDraft;
import dev.verity.card.cards.CardRepository;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.cards.CardVersion;
import dev.verity.card.cards.CardWrites;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Collection;
import dev.verity.card.collections.CollectionRepository;
import dev.verity.card.collections.Role;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Applies pending import items in batches, each batch one transaction (cards, history, outbox events and the
 * job's counters together), so a crash loses nothing and repeats nothing: the next run picks up the items still
 * pending. The job row is locked per batch, so instances sharing the database never apply one item twice.
 */
@ApplicationScoped
public class ImportRunner {

    /** Items a batch applies in one transaction: a few statements per batch, so large batches are cheap. */
    static final int BATCH_SIZE = 500;

    private final ImportJobRepository jobs;
    private final ImportItemRepository items;
    private final CardRepository cards;
    private final CollectionRepository collections;
    private final CardWrites writes;
    private final CardBatchWrites bulk;
    private final CollectionRoles access;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;

    ImportRunner(ImportJobRepository jobs, ImportItemRepository items, CardRepository cards,
            CollectionRepository collections, CardWrites writes, CardBatchWrites bulk, CollectionRoles access, ObjectMapper mapper,
            Clock clock, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.items = items;
        this.cards = cards;
        this.collections = collections;
        this.writes = writes;
        this.bulk = bulk;
        this.access = access;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Jobs with work left, oldest first. */
    @Transactional
    public List<UUID> unfinishedJobs() {
        return jobs.unfinishedIds();
    }

    /**
     * Applies the next batch of the job.
     *
     * @return false when the job has nothing left (it is then marked COMPLETED)
     */
    @Transactional
    public boolean runBatch(UUID jobId) {
        return run(jobId, BATCH_SIZE);
    }

    /** After a batch failed as a whole: applies one item in its own transaction, so only the culprit fails. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean runOne(UUID jobId) {
        return run(jobId, 1);
    }

    /** Records why an item could not be applied, in its own transaction (the item's own one rolled back). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failNext(UUID jobId, String error) {
        ImportJob job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        List<ImportItem> next = items.pending(jobId, 1);
        if (!next.isEmpty()) {
            job.fail(next.get(0), error);
        }
    }

    private boolean run(UUID jobId, int size) {
        ImportJob job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.status == ImportJob.Status.COMPLETED) {
            return false;
        }
        List<ImportItem> batch = items.pendingDetached(jobId, size);
        if (batch.isEmpty()) {
            job.status = ImportJob.Status.COMPLETED;
            job.finishedAt = clock.instant();
            return false;
        }
        if (job.status == ImportJob.Status.QUEUED) {
            job.status = ImportJob.Status.RUNNING;
            job.startedAt = clock.instant();
        }
        boolean stillAuthor = access.roleOf(job.collectionId, job.createdBy, job.submitterGroupList(), job.submitterAdmin)
                .map(role -> role.includes(Role.AUTHOR)).orElse(false);
        if (!stillAuthor) {
            failRemaining(job, job.createdBy + " is no longer AUTHOR in the collection; the rest of the import was stopped");
            return false;
        }
        Collection collection = collections.findById(job.collectionId);
        String summary = "Imported (" + job.format + " import " + job.id + ")";
        Map<String, CardBatchWrites.Current> existing = bulk.currentByExternalId(job.collectionId,
                batch.stream().map(i -> i.externalId).filter(Objects::nonNull).toList());
        // sorted in one pass: new cards (created together), changed ones (edited one by one), and the rest settled now
        List<ImportItem> fresh = new ArrayList<>();
        List<CardBatchWrites.NewCard> freshCards = new ArrayList<>();
        Map<String, ImportItem> changed = new LinkedHashMap<>();
        Map<ImportItem, ImportDocument> changedDocs = new HashMap<>();
        for (ImportItem item : batch) {
            ImportDocument doc = document(job, item);
            if (doc == null) {
                continue;
            }
            CardBatchWrites.Current current = existing.get(item.externalId);
            if (current == null) {
                try {
                    freshCards.add(doc.toNewCard());
                    fresh.add(item);
                } catch (ProblemException e) {
                    job.fail(item, e.getMessage());
                }
            } else if (current.status() == CardStatus.ARCHIVED) {
                job.fail(item, "card " + current.id() + " with this externalId is archived; restore it to import into it");
            } else if (unchanged(current, doc)) {
                settle(job, item, ImportItem.Outcome.UNCHANGED, current.id());
            } else {
                changed.put(item.externalId, item);
                changedDocs.put(item, doc);
            }
        }
        String[] lastRefusal = {null};
        // one outbox statement for the batch's events: the edits' and the new cards', each card's in order
        writes.batched(() -> {
            if (!changed.isEmpty()) {
                Map<String, Card> locked = new HashMap<>();
                cards.byExternalIdsLocked(job.collectionId, List.copyOf(changed.keySet()))
                        .forEach(c -> locked.put(c.externalId, c));
                for (ImportItem item : changed.values()) {
                    String refusal = edit(job, item, changedDocs.get(item), locked.get(item.externalId), summary);
                    lastRefusal[0] = refusal != null ? refusal : lastRefusal[0];
                }
            }
            List<Card> created = bulk.createAll(collection, freshCards, job.cardStatus, CardVersion.Change.IMPORTED,
                    summary, job.createdBy);
            for (int i = 0; i < created.size(); i++) {
                settle(job, fresh.get(i), ImportItem.Outcome.CREATED, created.get(i).id);
            }
        });
        items.record(jobId, batch);
        // A failure deep down (an event over the size limit, a database error) can doom the transaction while the
        // item's exception is caught here; the transaction would then roll back silently and the same items come
        // back for ever. Fail loudly instead, so the scheduler retries them one by one and records the culprit.
        if (transactions.getRollbackOnly()) {
            throw new IllegalStateException(lastRefusal[0] != null ? lastRefusal[0]
                    : "the batch's transaction was rolled back");
        }
        return true;
    }

    /** The stored document, or null when it cannot be read (the item is then failed). */
    private ImportDocument document(ImportJob job, ImportItem item) {
        try {
            return mapper.readValue(item.payload, ImportDocument.class);
        } catch (JsonProcessingException e) {
            job.fail(item, "stored document is unreadable: " + e.getOriginalMessage());
            return null;
        }
    }

    /**
     * Whether re-importing the document would leave the card as it is: the comparison {@link CardWrites#edit} makes
     * for a re-import's draft (title, body, tags; status and the rest are kept), made here on what one query read,
     * so an unchanged card is neither loaded into Hibernate nor locked.
     */
    private static boolean unchanged(CardBatchWrites.Current current, ImportDocument doc) {
        return doc.title() != null && doc.body() != null && doc.title().strip().equals(current.title())
                && doc.body().equals(current.body()) && CardWrites.normaliseTags(doc.tags()).equals(current.tags());
    }

    /** Applies a changed document to its (locked) card; returns why it was refused, or null. */
    private String edit(ImportJob job, ImportItem item, ImportDocument doc, Card card, String summary) {
        if (card == null) { // deleted since it was read: nothing to update
            job.fail(item, "the card with this externalId was deleted while the import ran; import it again");
            return null;
        }
        CardDraft draft = new CardDraft(doc.title(), doc.body(), doc.tags(), null, null, null, null, null, null,
                summary);
        try {
            if (card.status == CardStatus.ARCHIVED) {
                job.fail(item, "card " + card.id + " with this externalId is archived; restore it to import into it");
            } else if (writes.edit(card, draft, CardVersion.Change.IMPORTED, job.createdBy)) {
                settle(job, item, ImportItem.Outcome.UPDATED, card.id);
            } else {
                settle(job, item, ImportItem.Outcome.UNCHANGED, card.id);
            }
            return null;
        } catch (ProblemException e) {
            job.fail(item, e.getMessage());
            return e.getMessage();
        }
    }

    private static void settle(ImportJob job, ImportItem item, ImportItem.Outcome outcome, UUID cardId) {
        item.outcome = outcome;
        item.cardId = cardId;
        switch (outcome) {
            case CREATED -> job.created++;
            case UPDATED -> job.updated++;
            case UNCHANGED -> job.unchanged++;
            default -> throw new IllegalArgumentException(outcome.name());
        }
    }

    /** Stops a job: every item still pending fails with {@code reason}, and the job is COMPLETED. */
    private void failRemaining(ImportJob job, String reason) {
        job.failed += items.failPending(job.id, reason);
        job.status = ImportJob.Status.COMPLETED;
        job.finishedAt = clock.instant();
    }
}
