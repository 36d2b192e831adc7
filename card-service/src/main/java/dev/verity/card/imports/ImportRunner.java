package dev.verity.card.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.cards.Card;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies pending import items in batches, each batch one transaction (cards, history, outbox events and the
 * job's counters together), so a crash loses nothing and repeats nothing: the next run picks up the items still
 * pending. The job row is locked per batch, so instances sharing the database never apply one item twice.
 */
@ApplicationScoped
public class ImportRunner {

    static final int BATCH_SIZE = 100;

    private final ImportJobRepository jobs;
    private final ImportItemRepository items;
    private final CardRepository cards;
    private final CollectionRepository collections;
    private final CardWrites writes;
    private final CollectionRoles access;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;

    ImportRunner(ImportJobRepository jobs, ImportItemRepository items, CardRepository cards,
            CollectionRepository collections, CardWrites writes, CollectionRoles access, ObjectMapper mapper,
            Clock clock, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.items = items;
        this.cards = cards;
        this.collections = collections;
        this.writes = writes;
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
        List<ImportItem> batch = items.pending(jobId, size);
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
        Map<String, Card> existing = existingCards(job.collectionId, batch);
        String[] lastRefusal = {null};
        // the batch's card events go to the outbox in one statement at its end
        writes.batched(() -> {
            for (ImportItem item : batch) {
                String refusal = apply(job, collection, item, existing.get(item.externalId));
                lastRefusal[0] = refusal != null ? refusal : lastRefusal[0];
            }
        });
        // A failure deep down (an event over the size limit, a database error) can doom the transaction while the
        // item's exception is caught here; the transaction would then roll back silently and the same items come
        // back for ever. Fail loudly instead, so the scheduler retries them one by one and records the culprit.
        if (transactions.getRollbackOnly()) {
            throw new IllegalStateException(lastRefusal[0] != null ? lastRefusal[0]
                    : "the batch's transaction was rolled back");
        }
        return true;
    }

    /** Applies one item; returns why it was refused, or null. */
    private String apply(ImportJob job, Collection collection, ImportItem item, Card card) {
        ImportDocument doc;
        try {
            doc = mapper.readValue(item.payload, ImportDocument.class);
        } catch (JsonProcessingException e) {
            job.fail(item, "stored document is unreadable: " + e.getOriginalMessage());
            return null;
        }
        String summary = "Imported (" + job.format + " import " + job.id + ")";
        // new cards take the job's status; re-imported ones keep theirs
        CardDraft draft = new CardDraft(doc.title(), doc.body(), doc.tags(), card == null ? job.cardStatus : null,
                null, null, null, null, null, summary);
        try {
            if (card == null) {
                card = writes.create(collection, List.of(), draft, doc.externalId(), CardVersion.Change.IMPORTED,
                        job.createdBy);
                item.outcome = ImportItem.Outcome.CREATED;
                job.created++;
            } else if (card.status == CardStatus.ARCHIVED) {
                job.fail(item, "card " + card.id + " with this externalId is archived; restore it to import into it");
                return null;
            } else if (writes.edit(card, draft, CardVersion.Change.IMPORTED, job.createdBy)) {
                item.outcome = ImportItem.Outcome.UPDATED;
                job.updated++;
            } else {
                item.outcome = ImportItem.Outcome.UNCHANGED;
                job.unchanged++;
            }
            item.cardId = card.id;
            item.payload = null;
            return null;
        } catch (ProblemException e) {
            job.fail(item, e.getMessage());
            return e.getMessage();
        }
    }

    /** Stops a job: every item still pending fails with {@code reason}, and the job is COMPLETED. */
    private void failRemaining(ImportJob job, String reason) {
        job.failed += items.failPending(job.id, reason);
        job.status = ImportJob.Status.COMPLETED;
        job.finishedAt = clock.instant();
    }

    private Map<String, Card> existingCards(UUID collectionId, List<ImportItem> batch) {
        List<String> ids = batch.stream().map(i -> i.externalId).toList();
        Map<String, Card> byExternalId = new HashMap<>();
        cards.byExternalIdsLocked(collectionId, ids).forEach(c -> byExternalId.put(c.externalId, c));
        return byExternalId;
    }
}
