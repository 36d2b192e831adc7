package dev.verity.card.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.cards.CardWrites;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Role;
import dev.verity.card.content.TextRules;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts a bulk import: documents are read one at a time from the upload, parsed and validated once (bad ones are
 * recorded as failed with their reason), and stored as pending items in the same transaction as the job, a few
 * hundred at a time, so an upload never sits in memory whole. The {@link ImportRunner} applies them in the
 * background. Re-importing the same external id updates that card.
 */
@ApplicationScoped
public class ImportService {

    /** Items written to the database together (one multi-row insert) while an upload is read. */
    private static final int WRITE_EVERY = 500;

    /**
     * An upload is one transaction from its first byte to its last (the job and its items appear together or not at
     * all), and every document is validated on the way: 64 MB from a slow client, or a large corpus on a
     * busy instance, takes longer than the default 60 s. The transaction holds no lock another request waits for.
     */
    private static final int UPLOAD_TRANSACTION_SECONDS = 600;

    private final ImportJobRepository jobs;
    private final ImportItemRepository items;
    private final CollectionRoles access;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Clock clock;
    private final ImportConfig config;
    private final ImportUploads uploads;

    ImportService(ImportJobRepository jobs, ImportItemRepository items, CollectionRoles access, ObjectMapper mapper,
            Validator validator, Clock clock, ImportConfig config, ImportUploads uploads) {
        this.uploads = uploads;
        this.jobs = jobs;
        this.items = items;
        this.access = access;
        this.mapper = mapper;
        this.validator = validator;
        this.clock = clock;
        this.config = config;
    }

    /** A file of a multipart upload, as the HTTP server stored it on disk. */
    public record UploadedFile(String fileName, java.nio.file.Path path, long size) {
    }

    /** A document as parsed, or the reason it cannot be imported. */
    record Parsed(String externalId, ImportDocument document, String error) {
    }

    /**
     * One JSON object per line: {@code externalId} (or {@code id}), {@code body} (or {@code markdown}), optional
     * {@code title} and {@code tags}; the values of {@code tagFields} become tags too. The submitter's role is
     * checked before the body is read.
     */
    @Transactional
    @TransactionConfiguration(timeout = UPLOAD_TRANSACTION_SECONDS)
    public ImportJob submitNdjson(UUID collectionId, CardStatus status, List<String> tagFields, InputStream body,
            String actor) {
        try (JobWriter job = begin(collectionId, status, "NDJSON", actor)) {
            NdjsonLines lines = new NdjsonLines(body, config.maxDocumentSize().asLongValue());
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.error() != null) {
                    job.add(new Parsed(null, null, "line " + line.number() + ": " + line.error()));
                } else if (!line.text().isBlank()) {
                    job.add(parseLine(line.text(), tagFields));
                }
            }
            return job.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Markdown files: the file name is the external id; the first {@code # heading} (or the name) the title. A file
     * over the document size limit is recorded as failed without being read.
     */
    @Transactional
    @TransactionConfiguration(timeout = UPLOAD_TRANSACTION_SECONDS)
    public ImportJob submitFiles(UUID collectionId, CardStatus status, List<UploadedFile> files, String actor) {
        try (JobWriter job = begin(collectionId, status, "MULTIPART", actor)) {
            long maxBytes = config.maxDocumentSize().asLongValue();
            for (UploadedFile file : files) {
                if (file.size() > maxBytes) {
                    job.add(new Parsed(file.fileName(), null, "the file has " + file.size()
                            + " bytes; a document may have at most " + maxBytes));
                    continue;
                }
                String content;
                try {
                    content = NdjsonLines.utf8(Files.readAllBytes(file.path()));
                } catch (CharacterCodingException e) {
                    job.add(new Parsed(file.fileName(), null, "the file is not UTF-8 text"));
                    continue;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                job.add(validated(ImportDocument.of(file.fileName(), null, content, List.of())));
            }
            return job.finish();
        }
    }

    /**
     * Checks the submitter's role (404/403) before a byte of the upload is read, then takes an upload slot (429
     * when the user or the instance has too many), then opens the job. The writer holds the slot until closed.
     */
    private JobWriter begin(UUID collectionId, CardStatus status, String format, String actor) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        ImportUploads.Slot slot = uploads.acquire(actor);
        try {
            return open(collectionId, status, format, actor, slot);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private JobWriter open(UUID collectionId, CardStatus status, String format, String actor, ImportUploads.Slot slot) {
        if (status == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status", "imported cards are DRAFT or PUBLISHED");
        }
        long unfinished = jobs.countUnfinishedOf(actor);
        if (unfinished >= config.maxUnfinishedJobsPerUser()) {
            throw ProblemException.tooManyRequests("unfinished-imports-per-user", java.time.Duration.ofSeconds(30),
                    "you have " + unfinished + " imports still running; each user may have at most "
                            + config.maxUnfinishedJobsPerUser() + ". Follow them at GET /imports/{id}.");
        }
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.collectionId = collectionId;
        job.status = ImportJob.Status.QUEUED;
        job.format = format;
        job.cardStatus = status == null ? CardStatus.PUBLISHED : status;
        job.createdBy = actor;
        job.submitterGroups = String.join(",", new TreeSet<>(access.tokenGroups()));
        job.submitterAdmin = access.isAdmin();
        job.createdAt = clock.instant();
        jobs.persist(job);
        jobs.flush(); // its items are written by plain statements, which refer to it
        return new JobWriter(job, slot);
    }

    /** Stores the items of one upload as they are read, a few hundred at a time with one statement each. */
    private final class JobWriter implements AutoCloseable {
        private final ImportJob job;
        private final ImportUploads.Slot slot;
        private final Map<String, Integer> firstSeen = new HashMap<>();
        private final List<ImportItem> unwritten = new ArrayList<>();
        private int count;

        JobWriter(ImportJob job, ImportUploads.Slot slot) {
            this.job = job;
            this.slot = slot;
        }

        @Override
        public void close() {
            slot.close();
        }

        void add(Parsed p) {
            if (count >= config.maxItems()) {
                throw ProblemException.tooLarge("import-items", config.maxItems(), count + 1L,
                        "an import holds at most " + config.maxItems() + " documents; split the upload");
            }
            ImportItem item = new ImportItem();
            item.jobId = job.id;
            item.position = ++count;
            item.externalId = p.externalId() == null || p.externalId().length() <= 200 ? p.externalId()
                    : p.externalId().substring(0, 200);
            Integer earlier = item.externalId == null ? null : firstSeen.putIfAbsent(item.externalId, item.position);
            if (p.error() != null) {
                job.fail(item, p.error());
            } else if (earlier != null) {
                job.fail(item, "externalId '" + p.externalId() + "' already appears in item " + earlier
                        + " of this upload");
            } else {
                item.outcome = ImportItem.Outcome.PENDING;
                item.payload = json(p.document());
            }
            unwritten.add(item);
            if (unwritten.size() >= WRITE_EVERY) {
                write();
            }
        }

        private void write() {
            items.insertAll(job.id, unwritten);
            unwritten.clear();
        }

        ImportJob finish() {
            write();
            if (count == 0) {
                throw ProblemException.badRequest("the upload holds no documents");
            }
            job.total = count;
            return job;
        }
    }

    public ImportJob get(UUID id) {
        ImportJob job = jobs.findById(id);
        if (job == null) {
            throw ProblemException.notFound("import", id);
        }
        access.require(job.collectionId, Role.AUTHOR, "import " + id);
        return job;
    }

    /** Items of a job in order, optionally only those with one outcome; page by {@code afterPosition}. */
    public List<ImportItem> items(UUID id, ImportItem.Outcome outcome, int afterPosition, int limit) {
        get(id);
        return items.page(id, outcome, afterPosition, limit);
    }

    private Parsed parseLine(String line, List<String> tagFields) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return new Parsed(null, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return new Parsed(null, null, "must be a JSON object, got " + node.getNodeType());
        }
        String externalId = text(node, "externalId", "id");
        List<String> tags = new ArrayList<>();
        if (node.has("tags")) {
            if (!node.get("tags").isArray()) {
                return new Parsed(externalId, null, "tags: must be an array of strings");
            }
            node.get("tags").forEach(t -> tags.add(t.asText()));
        }
        for (String field : tagFields) {
            if (node.hasNonNull(field) && node.get(field).isValueNode() && !node.get(field).asText().isBlank()) {
                tags.add(node.get(field).asText());
            }
        }
        return validated(ImportDocument.of(externalId, text(node, "title"), text(node, "body", "markdown"), tags));
    }

    /**
     * The one validation pass: the document's constraints, then every check a new card's content gets but the
     * rendering (a body too complex to render fails when applied: rendering costs, and a re-import skips unchanged
     * documents without it). A refusal is the item's error. Stored with its tags normalised.
     */
    private Parsed validated(ImportDocument document) {
        Set<ConstraintViolation<ImportDocument>> violations = validator.validate(document);
        if (violations.isEmpty()) {
            List<String> tags = CardWrites.normaliseTags(document.tags());
            try {
                TextRules.requireValidCard(document.title(), document.body(), tags, null);
            } catch (ProblemException e) {
                return new Parsed(document.externalId(), null, e.getMessage());
            }
            return new Parsed(document.externalId(),
                    new ImportDocument(document.externalId(), document.title().strip(), document.body(), tags), null);
        }
        String error = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).collect(Collectors.joining("; "));
        return new Parsed(document.externalId(), null, error);
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            if (node.hasNonNull(name) && node.get(name).isValueNode()) {
                return node.get(name).asText();
            }
        }
        return null;
    }


    private String json(ImportDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
