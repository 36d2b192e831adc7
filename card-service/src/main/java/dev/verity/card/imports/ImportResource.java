package dev.verity.card.imports;

import dev.verity.card.cards.CardStatus;
import dev.verity.platform.http.BodyLimit;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/imports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Bulk import of Markdown documents, asynchronous, idempotent by external id: re-importing updates the same cards, never duplicates them.")
@SecurityRequirement(name = "bearer")
public class ImportResource {

    /** Matches the default of {@code verity.import.max-upload-size}; the HTTP server's limit is the outer bound. */
    static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;

    private final ImportService imports;
    private final ImportScheduler scheduler;
    private final CurrentUser user;

    ImportResource(ImportService imports, ImportScheduler scheduler, CurrentUser user) {
        this.imports = imports;
        this.scheduler = scheduler;
        this.user = user;
    }

    @Schema(name = "ImportItemError")
    public record ItemError(@Schema(description = "1-based line or file number", example = "17") int position,
            @Schema(example = "pages/common/tar.md") String externalId,
            @Schema(example = "title: size must be between 0 and 200") String message) {
    }

    @Schema(name = "ImportProgress")
    public record Progress(UUID id, UUID collectionId, @Schema(example = "RUNNING") ImportJob.Status status,
            @Schema(example = "NDJSON") String format, @Schema(example = "8845") int total,
            @Schema(description = "Items finished, whatever the outcome", example = "4200") int done,
            @Schema(example = "4100") int created, @Schema(example = "80") int updated,
            @Schema(description = "Re-imported with identical content", example = "15") int unchanged,
            @Schema(example = "5") int failed, @Schema(example = "47.5") double percent,
            @Schema(description = "Throughput so far", example = "310.2") Double cardsPerSecond,
            @Schema(description = "The first 100 failures; GET /imports/{id}/items?outcome=FAILED for all") List<ItemError> errors,
            String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    @Schema(name = "ImportItem")
    public record Item(int position, String externalId, @Schema(example = "CREATED") ImportItem.Outcome outcome,
            UUID cardId, String error) {
    }

    @Schema(name = "ImportItemList")
    public record ItemList(List<Item> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    /** The multipart body of {@code POST /imports}, named so generated clients get a model for it. */
    @Schema(name = "MarkdownFiles", description = "Markdown files to import, one part each")
    public record MarkdownFiles(
            @Schema(description = "One part per Markdown file (UTF-8, at most 1 MB); the file name is the external id")
            List<FileUpload> files) {
    }

    @POST
    @Consumes({ "application/x-ndjson", "application/jsonl" })
    // One operation in the document for both bodies (JAX-RS picks the method by Content-Type; OpenAPI has one
    // operation per path and method), so the multipart method below is hidden and its body is declared here.
    @Operation(operationId = "importCards", summary = "Import NDJSON documents or Markdown files",
            description = "`application/x-ndjson` (or `application/jsonl`): one JSON object per line: `externalId` (or `id`), `body` (or `markdown`), optional `title` (default: the body's first `# heading`, which then leaves the body) and `tags`. "
                    + "`multipart/form-data`: form field `files`, one part per Markdown file (UTF-8, at most 1 MB each); the file name is the external id, the first `# heading` (or the file name) the title. "
                    + "Documents are validated at once: bad ones are recorded as failed with the reason, the others are applied in the background. Answers 202 with a progress resource.")
    @RequestBody(required = true, content = {
            // the example sits on the schema, typed as the string it is: on the media type SmallRye would parse the
            // JSON line into an object, which is no valid example of a string body
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING, format = "binary",
                    example = "{\"externalId\": \"refunds\", \"title\": \"How do I issue a refund?\", \"body\": \"Open the order, choose **Refund**.\", \"tags\": [\"billing\"]}\n")),
            @Content(mediaType = "application/jsonl", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = MarkdownFiles.class)) })
    @APIResponse(responseCode = "202", description = "Accepted; `Location` is the progress resource", headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = Progress.class)))
    @APIResponse(responseCode = "413", description = "More than 50,000 documents, or a body above 64 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "You (or everyone) have too many uploads in progress, or 5 unfinished imports; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @BodyLimit(bytes = MAX_UPLOAD_BYTES)
    public Response importNdjson(
            @Parameter(description = "Collection to import into", required = true) @QueryParam("collectionId") String collectionId,
            @Parameter(description = "Status of new cards: PUBLISHED (default) or DRAFT") @QueryParam("status") String status,
            @Parameter(description = "Comma-separated fields whose values become tags", example = "platform,lang") @QueryParam("tagFields") String tagFields,
            InputStream body, UriInfo uri) {
        UUID collection = collection(collectionId);
        CardStatus cardStatus = QueryParameters.oneOf("status", status, CardStatus.class);
        ImportJob job = imports.submitNdjson(collection, cardStatus,
                tagFields == null ? List.of() : Arrays.stream(tagFields.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                body, user.id());
        return accepted(job, uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true) // documented with importCards: same path and method
    @APIResponse(responseCode = "202", description = "Accepted; `Location` is the progress resource", headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = Progress.class)))
    @APIResponse(responseCode = "413", description = "More than 50,000 files, or a body above 64 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "You (or everyone) have too many uploads in progress, or 5 unfinished imports; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @BodyLimit(bytes = MAX_UPLOAD_BYTES)
    public Response importFiles(
            @Parameter(description = "Collection to import into", required = true) @QueryParam("collectionId") String collectionId,
            @Parameter(description = "Status of new cards: PUBLISHED (default) or DRAFT") @QueryParam("status") String status,
            @RestForm("files") List<FileUpload> files, UriInfo uri) {
        if (files == null || files.isEmpty()) {
            throw ProblemException.invalidParameter("files", "upload at least one Markdown file in form field 'files'");
        }
        UUID collection = collection(collectionId);
        CardStatus cardStatus = QueryParameters.oneOf("status", status, CardStatus.class);
        List<ImportService.UploadedFile> documents = files.stream()
                .map(f -> new ImportService.UploadedFile(f.fileName(), f.uploadedFile(), f.size())).toList();
        return accepted(imports.submitFiles(collection, cardStatus, documents, user.id()), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getImport", summary = "Follow an import", description = "Counts by outcome, throughput, and the first failures with their reasons.")
    @APIResponse(responseCode = "200", description = "Progress", content = @Content(schema = @Schema(implementation = Progress.class)))
    public Progress progress(@PathParam("id") UUID id) {
        return progressOf(imports.get(id), imports.items(id, ImportItem.Outcome.FAILED, 0, 100));
    }

    @GET
    @Path("{id}/items")
    @Operation(operationId = "listImportItems", summary = "What became of each document", description = "In submission order; filter by outcome (e.g. FAILED).")
    @APIResponse(responseCode = "200", description = "A page of items", content = @Content(schema = @Schema(implementation = ItemList.class)))
    public ItemList items(@PathParam("id") UUID id,
            @Parameter(description = "PENDING, CREATED, UPDATED, UNCHANGED or FAILED") @QueryParam("outcome") String outcome,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Deprecated: use `cursor`", deprecated = true) @QueryParam("after") String after) {
        int size = QueryParameters.limit(limit, 100, 1000);
        int from = 0;
        String position = QueryParameters.renamed("cursor", cursor, "after", after);
        if (position != null && !position.isBlank()) {
            try {
                from = Integer.parseInt(position.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter("cursor", "is not a cursor this API handed out, got '" + position + "'");
            }
        }
        List<ImportItem> page = imports.items(id, QueryParameters.oneOf("outcome", outcome, ImportItem.Outcome.class), from, size);
        return new ItemList(page.stream().map(i -> new Item(i.position, i.externalId, i.outcome, i.cardId, i.error)).toList(),
                page.size() < size ? null : Integer.toString(page.get(page.size() - 1).position));
    }

    private Response accepted(ImportJob job, UriInfo uri) {
        scheduler.wake();
        return Response.accepted(progressOf(job, List.of()))
                .location(uri.getAbsolutePathBuilder().path(job.id.toString()).build()).build();
    }

    private static UUID collection(String raw) {
        UUID id = QueryParameters.uuid("collectionId", raw);
        if (id == null) {
            throw ProblemException.invalidParameter("collectionId", "is required: the collection to import into");
        }
        return id;
    }

    private static Progress progressOf(ImportJob job, List<ImportItem> failures) {
        int done = job.done();
        Double rate = null;
        if (job.startedAt != null && done > 0) {
            Instant end = job.finishedAt != null ? job.finishedAt : Instant.now();
            double seconds = Math.max(0.001, Duration.between(job.startedAt, end).toMillis() / 1000.0);
            rate = Math.round((job.created + job.updated + job.unchanged) / seconds * 10) / 10.0;
        }
        return new Progress(job.id, job.collectionId, job.status, job.format, job.total, done, job.created, job.updated,
                job.unchanged, job.failed, Math.round(done * 1000.0 / job.total) / 10.0, rate,
                failures.stream().map(i -> new ItemError(i.position, i.externalId, i.error)).toList(),
                job.createdBy, job.createdAt, job.startedAt, job.finishedAt);
    }
}
