package dev.verity.card.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.card.domain.CardStatus;
import dev.verity.card.domain.ImportItem;
import dev.verity.card.domain.ImportJob;
import dev.verity.card.domain.Role;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts a bulk import: every document is parsed and validated up front (bad ones are recorded as failed with
 * their reason), the rest are stored as pending items in the same transaction as the job, and the
 * {@link ImportRunner} applies them in the background. Re-importing the same external id updates that card.
 */
@ApplicationScoped
public class ImportService {

    public static final int MAX_ITEMS = 50_000;

    private final EntityManager em;
    private final AccessPolicy access;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Clock clock;

    ImportService(EntityManager em, AccessPolicy access, ObjectMapper mapper, Validator validator, Clock clock) {
        this.em = em;
        this.access = access;
        this.mapper = mapper;
        this.validator = validator;
        this.clock = clock;
    }

    /** A document as parsed, or the reason it cannot be imported. */
    record Parsed(String externalId, ImportDocument document, String error) {
    }

    /** A file of a multipart upload. */
    public record NamedDocument(String fileName, String content) {
    }

    /**
     * One JSON object per line: {@code externalId} (or {@code id}), {@code body} (or {@code markdown}), optional
     * {@code title} and {@code tags}; the values of {@code tagFields} become tags too.
     */
    @Transactional
    public ImportJob submitNdjson(UUID collectionId, CardStatus status, List<String> tagFields, InputStream body,
            String actor) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        List<Parsed> parsed = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    tooMany(parsed.size());
                    parsed.add(parseLine(number, line, tagFields));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store(collectionId, status, "NDJSON", parsed, actor);
    }

    /** Markdown files: the file name is the external id; the first {@code # heading} (or the name) the title. */
    @Transactional
    public ImportJob submitFiles(UUID collectionId, CardStatus status, List<NamedDocument> files, String actor) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        tooMany(files.size() - 1);
        List<Parsed> parsed = files.stream()
                .map(f -> validated(ImportDocument.of(f.fileName(), null, f.content(), List.of())))
                .toList();
        return store(collectionId, status, "MULTIPART", parsed, actor);
    }

    public ImportJob get(UUID id) {
        ImportJob job = em.find(ImportJob.class, id);
        if (job == null) {
            throw ProblemException.notFound("import", id);
        }
        access.require(job.collectionId, Role.AUTHOR, "import " + id);
        return job;
    }

    /** Items of a job in order, optionally only those with one outcome; page by {@code afterPosition}. */
    public List<ImportItem> items(UUID id, ImportItem.Outcome outcome, int afterPosition, int limit) {
        get(id);
        var query = em.createQuery("from ImportItem where jobId = :job and position > :after"
                        + (outcome == null ? "" : " and outcome = :outcome") + " order by position", ImportItem.class)
                .setParameter("job", id).setParameter("after", afterPosition).setMaxResults(limit);
        if (outcome != null) {
            query.setParameter("outcome", outcome);
        }
        return query.getResultList();
    }

    private ImportJob store(UUID collectionId, CardStatus status, String format, List<Parsed> parsed, String actor) {
        if (parsed.isEmpty()) {
            throw ProblemException.badRequest("the upload holds no documents");
        }
        if (status == CardStatus.ARCHIVED) {
            throw ProblemException.invalidParameter("status", "imported cards are DRAFT or PUBLISHED");
        }
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.collectionId = collectionId;
        job.status = ImportJob.Status.QUEUED;
        job.format = format;
        job.cardStatus = status == null ? CardStatus.PUBLISHED : status;
        job.total = parsed.size();
        job.createdBy = actor;
        job.createdAt = clock.instant();
        em.persist(job);
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            ImportItem item = new ImportItem();
            item.jobId = job.id;
            item.position = i + 1;
            item.externalId = p.externalId();
            Integer earlier = p.externalId() == null ? null : firstSeen.putIfAbsent(p.externalId(), item.position);
            if (p.error() != null) {
                job.fail(item, p.error());
            } else if (earlier != null) {
                job.fail(item, "externalId '" + p.externalId() + "' already appears in item " + earlier
                        + " of this upload");
            } else {
                item.outcome = ImportItem.Outcome.PENDING;
                item.payload = json(p.document());
            }
            em.persist(item);
        }
        return job;
    }

    private Parsed parseLine(int number, String line, List<String> tagFields) {
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

    private Parsed validated(ImportDocument document) {
        Set<ConstraintViolation<ImportDocument>> violations = validator.validate(document);
        if (violations.isEmpty()) {
            return new Parsed(document.externalId(), document, null);
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


    private static void tooMany(int count) {
        if (count >= MAX_ITEMS) {
            throw new ProblemException(413, "too-many-items", "Too many items",
                    "an import holds at most " + MAX_ITEMS + " documents; split the upload");
        }
    }

    private String json(ImportDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
