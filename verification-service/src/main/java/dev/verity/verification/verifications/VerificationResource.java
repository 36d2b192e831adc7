package dev.verity.verification.verifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import dev.verity.verification.verifications.VerificationRecordRepository.Filter;
import dev.verity.verification.verifications.VerificationRecordRepository.QueuePosition;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

@Path("/verifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verifications", description = "Who verifies which card, verify and flag, the queue, the history")
@SecurityRequirement(name = "bearer")
public class VerificationResource {

    /** {@code verifier=me} stands for the caller, so a client need not know its own user id. */
    static final String ME = "me";

    private static final String CARD_ID = "0b6f4f7e-2a53-4c1b-9a55-1f0f0d6f9c11";

    private final VerificationQueries queries;
    private final VerificationActions actions;
    private final CurrentUser user;
    private final ObjectMapper json;

    VerificationResource(VerificationQueries queries, VerificationActions actions, CurrentUser user,
            ObjectMapper json) {
        this.queries = queries;
        this.actions = actions;
        this.user = user;
        this.json = json;
    }

    @GET
    @Path("{cardId}")
    @Operation(operationId = "getVerification", summary = "Read a card's verification",
            description = "Readers of the card only (any role in its collection). The ETag is the policy version, for `PUT …/policy`.")
    @APIResponse(responseCode = "200", description = "The record, with its open flags", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId) {
        VerificationQueries.Detail detail = queries.get(cardId);
        return withTag(VerificationResponse.of(detail.record(), detail.openFlags()), detail.record());
    }

    @GET
    @Operation(operationId = "listVerifications", summary = "List verifications",
            description = "Records of cards the caller may read matching every given filter, soonest due first (`nextDueAt` ascending). Archived cards are left out unless `state=ARCHIVED`.")
    @APIResponse(responseCode = "200", description = "The matching records",
            content = @Content(schema = @Schema(implementation = VerificationList.class)))
    public VerificationList list(
            @Parameter(description = "Only cards this user or group verifies; `me` means the caller", example = "me",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 100))
            @QueryParam("verifierId") String verifierIdParameter,
            @Parameter(description = "ACTIVE (default): live cards; ARCHIVED: archived cards, which are never due",
                    example = "ACTIVE",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "ACTIVE", "ARCHIVED" }, defaultValue = "ACTIVE"))
            @QueryParam("state") String state,
            @Parameter(description = "Only records in this status", example = "VERIFIED",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "VERIFIED", "UNVERIFIED" }))
            @QueryParam("status") String status,
            @Parameter(description = "Only records due strictly before this instant (ISO-8601)",
                    example = "2026-06-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "At most this many records", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Deprecated: use `verifierId`", deprecated = true,
                    schema = @Schema(type = SchemaType.STRING, maxLength = 100))
            @QueryParam("verifier") String verifier) {
        String verifierId = QueryParameters.text("verifierId",
                QueryParameters.renamed("verifierId", verifierIdParameter, "verifier", verifier), 100);
        RecordState recordState = QueryParameters.oneOf("state", state, RecordState.class);
        Filter filter = new Filter(recordState == null ? RecordState.ACTIVE : recordState,
                ME.equals(verifierId) ? user.id() : verifierId,
                QueryParameters.oneOf("status", status, VerificationStatus.class),
                QueryParameters.instant("dueBefore", dueBefore),
                QueryParameters.limit(limit, 50, 200));
        return new VerificationList(queries.list(filter).stream().map(VerificationResponse::of).toList());
    }

    @GET
    @Path("queue")
    @Operation(operationId = "getVerificationQueue", summary = "My verification queue",
            description = "Live cards the caller or one of their groups verifies that are UNVERIFIED or fall due within the due-soon lead: most overdue first, then most flagged. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "One page of the queue",
            content = @Content(schema = @Schema(implementation = Pages.Queue.class)))
    @APIResponse(responseCode = "400", description = "`limit` or `cursor` is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Pages.Queue queue(
            @Parameter(description = "At most this many cards", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<VerificationRecord> page = queries.queue(QueueCursor.decode(cursor), size);
        VerificationRecord last = page.size() == size ? page.get(page.size() - 1) : null;
        return new Pages.Queue(page.stream().map(VerificationResponse::of).toList(), last == null ? null
                : QueueCursor.encode(new QueuePosition(last.nextDueAt, last.openFlags, last.cardId)));
    }

    @GET
    @Path("{cardId}/history")
    @Operation(operationId = "getVerificationHistory", summary = "A card's verification history",
            description = "Every verification, flag, expiry, request, policy change and lifecycle step, newest first. Readers of the card only.")
    @APIResponse(responseCode = "200", description = "One page of the history",
            content = @Content(schema = @Schema(implementation = Pages.History.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Pages.History history(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId,
            @Parameter(description = "At most this many entries", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<HistoryEntry> page = queries.history(cardId, PageCursor.decode(cursor), size);
        HistoryEntry last = page.size() == size ? page.get(page.size() - 1) : null;
        return new Pages.History(page.stream().map(Pages.Entry::of).toList(),
                last == null ? null : new PageCursor(last.at, last.id).encode());
    }

    @POST
    @Path("{cardId}/verify")
    @Operation(operationId = "verifyCard", summary = "Verify a card",
            description = "Only the verifier, or a member of the verifier group. The card turns VERIFIED, is next due one interval from now (or on its date), and its open flags are resolved. Publishes `verification.verified`.")
    @APIResponse(responseCode = "200", description = "The record after verifying", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "400", description = "The comment is too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the verifier (nor in the verifier group)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The card is archived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequests.Verify.class)))
    public Response verify(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId, String body) {
        ActionRequests.Verify request = optionalBody(body, ActionRequests.Verify.class);
        VerificationRecord record = actions.verify(cardId, request == null ? null : request.comment());
        return withTag(VerificationResponse.of(record), record);
    }

    @POST
    @Path("{cardId}/unverify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "flagCard", summary = "Flag a card",
            description = "Any reader of the card, with a reason. The card turns UNVERIFIED (FLAGGED) and its verifier is told (`verification.unverified`).")
    @APIResponse(responseCode = "200", description = "The record after flagging", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "400", description = "The reason is missing or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The card is archived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response unverify(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId,
            ActionRequests.Unverify body) {
        VerificationRecord record = actions.flag(cardId, body == null ? null : body.reason());
        return withTag(VerificationResponse.of(record), record);
    }

    @POST
    @Path("{cardId}/requests")
    @Operation(operationId = "requestVerification", summary = "Ask for verification",
            description = "Any reader of the card asks its verifier to re-check it (e.g. after a customer question). Publishes `verification.requested`; the card's state does not change.")
    @APIResponse(responseCode = "202", description = "The request is recorded and on its way to the verifier",
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "400", description = "The message is too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequests.Request.class)))
    public Response request(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId, String body) {
        ActionRequests.Request request = optionalBody(body, ActionRequests.Request.class);
        VerificationRecord record = actions.request(cardId, request == null ? null : request.message());
        return Response.accepted(VerificationResponse.of(record)).build();
    }

    @PUT
    @Path("{cardId}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateVerificationPolicy", summary = "Change verifier and schedule",
            description = "Authors and owners of the card's collection; requires `If-Match` with the policy version (the ETag). The verifier must have a role in the collection. A new verifier leaves the card UNVERIFIED (VERIFIER_CHANGED) until they verify. Publishes `verification.policy-changed`.")
    @APIResponse(responseCode = "200", description = "The record with its new policy", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @APIResponse(responseCode = "400", description = "Interval off the menu, a date not in the future, not exactly one schedule, or a verifier who could not read the card",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is only a reader",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record for this card, or the caller may not read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The policy changed since it was read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changePolicy(@Parameter(example = CARD_ID) @PathParam("cardId") UUID cardId,
            @Parameter(description = "The ETag read, e.g. \"2\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ActionRequests.Policy body) {
        ActionRequests.Policy policy = body == null ? new ActionRequests.Policy(null, null, null, null) : body;
        VerificationRecord record = actions.changePolicy(cardId, ifMatch,
                new PolicyChange(policy.verifierId(), policy.intervalDays(), policy.verifyOn(), policy.never()));
        return withTag(VerificationResponse.of(record), record);
    }

    /**
     * Verify and ask need no body, and clients send none (nor a Content-Type, which JAX-RS would then refuse with
     * 415): the body is read as text and, when there is one, as JSON.
     */
    private <T> T optionalBody(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not the JSON object this endpoint takes: "
                    + e.getOriginalMessage());
        }
    }

    private static Response withTag(VerificationResponse body, VerificationRecord record) {
        return Response.ok(body).tag(VersionTags.of(record.policyVersion)).build();
    }
}
