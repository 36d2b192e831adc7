package dev.verity.card.cards;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cards")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards", description = "Create, read, edit, move, archive and delete knowledge cards. Every change is published on topic verity.cards.")
@SecurityRequirement(name = "bearer")
public class CardResource {

    static final String IF_MATCH_DESCRIPTION = "The ETag from your last read, e.g. \"3\"";

    private final CardService cards;
    private final CardViews views;
    private final CurrentUser user;

    CardResource(CardService cards, CardViews views, CurrentUser user) {
        this.cards = cards;
        this.views = views;
        this.user = user;
    }

    @Schema(name = "MoveRequest")
    public record MoveRequest(
            @Schema(description = "Target collection (you need AUTHOR there); omit to stay") UUID collectionId,
            @NotNull @Size(max = 20) @Schema(description = "Folders of the target collection; [] for none") List<@NotNull UUID> folderIds) {
    }

    @POST
    @Operation(operationId = "createCard", summary = "Create a card",
            description = "Needs AUTHOR in `collectionId`. Stores the card at version 1 and publishes `card.created`. Verifier, interval and verify-by date default to the collection's.")
    @APIResponse(responseCode = "201", description = "Created; `Location` points at the card, `ETag` carries its version",
            headers = { @Header(name = "Location"),
                    @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @Transactional // the answer's collection settings come from the session the write loaded them into: no second read
    public Response create(@Valid @NotNull CardRequest request, UriInfo uri) {
        if (request.collectionId() == null) {
            throw ProblemException.invalidParameter("collectionId", "must not be null: every card lives in a collection");
        }
        Card card = cards.create(request.collectionId(), request.folders(), request.toDraft(), user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(card.id.toString()).build())
                .tag(VersionTags.of(card.version))
                .entity(views.of(card))
                .build();
    }

    @GET
    @Operation(operationId = "listCards", summary = "List cards", description = "Cards in collections you can see, most recently changed first. Archived cards only with `status=ARCHIVED`.")
    @APIResponse(responseCode = "200", description = "A page of cards", content = @Content(schema = @Schema(implementation = CardSummary.Page.class)))
    public CardSummary.Page list(
            @Parameter(description = "Only this collection") @QueryParam("collectionId") String collectionId,
            @Parameter(description = "Only cards in this folder") @QueryParam("folderId") String folderId,
            @Parameter(description = "Only cards with this tag", example = "billing") @QueryParam("tag") String tag,
            @Parameter(description = "DRAFT, PUBLISHED or ARCHIVED; default DRAFT and PUBLISHED") @QueryParam("status") String status,
            @Parameter(description = "Only cards owned by this user", example = "alice") @QueryParam("ownerId") String ownerId,
            @Parameter(description = "Only cards changed at or after this instant", example = "2026-11-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        CardFilter filter = new CardFilter(QueryParameters.uuid("collectionId", collectionId),
                QueryParameters.uuid("folderId", folderId), QueryParameters.text("tag", tag, 40),
                QueryParameters.oneOf("status", status, CardStatus.class), QueryParameters.text("ownerId", ownerId, 100),
                QueryParameters.instant("updatedSince", updatedSince));
        List<Card> page = cards.list(filter, PageCursor.decode(cursor), size);
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).updatedAt, page.get(page.size() - 1).id).encode();
        return new CardSummary.Page(page.stream().map(CardSummary::of).toList(), next);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCard", summary = "Read a card", description = "Needs any role in its collection. `ETag` carries the version for a later `If-Match`. A read by a person (not a service account or bot: see card-service README \"Usage\") counts as a view of the card, once per person per view window.")
    @APIResponse(responseCode = "200", description = "The card",
            headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        return views.ok(cards.open(id));
    }

    @GET
    @Path("by-slug/{slug}")
    // Deprecated for GET /card-slugs/{slug} (CardSlugResource): beside /cards/{id}/... a path template cannot tell a
    // slug from an id, so the document leaves it out; it still answers for a deprecation period.
    @Operation(hidden = true)
    public Response bySlugDeprecated(@PathParam("slug") String slug) {
        return views.ok(cards.openBySlug(slug));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "replaceCard", summary = "Replace a card's content",
            description = "Needs AUTHOR; requires `If-Match`. Replaces title, body and tags; the other fields keep their values when omitted. Publishes `card.updated` with the new version (nothing, and the same version, when nothing changed).")
    @APIResponse(responseCode = "200", description = "Updated; `ETag` carries the new version",
            headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "409", description = "The card is archived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Someone changed the card since you read it; `currentVersion` says which version is current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional // as create: the collection is read once per request
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CardRequest request) {
        return views.ok(cards.update(id, VersionTags.expectedVersion(ifMatch), request.toDraft(), user.id()));
    }

    @POST
    @Path("{id}/move")
    @Operation(operationId = "moveCard", summary = "Move a card to another collection or folders", description = "Needs AUTHOR in both collections; requires `If-Match`. The card keeps its id, slug and history. Publishes `card.moved`.")
    @APIResponse(responseCode = "200", description = "Moved", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response move(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull MoveRequest request) {
        return views.ok(cards.move(id, VersionTags.expectedVersion(ifMatch), request.collectionId(), request.folderIds(), user.id()));
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "archiveCard", summary = "Archive a card", description = "Needs AUTHOR; requires `If-Match`. The card leaves search and the verification queue. Publishes `card.archived`.")
    @APIResponse(responseCode = "200", description = "Archived", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "409", description = "Already archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response archive(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return views.ok(cards.archive(id, VersionTags.expectedVersion(ifMatch), user.id()));
    }

    @POST
    @Path("{id}/restore")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "restoreCard", summary = "Restore an archived card", description = "Needs AUTHOR; requires `If-Match`. The card returns with the status it had (DRAFT or PUBLISHED). Publishes `card.restored`.")
    @APIResponse(responseCode = "200", description = "Restored", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "409", description = "Not archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response restore(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"4\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return views.ok(cards.restore(id, VersionTags.expectedVersion(ifMatch), user.id()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteCard", summary = "Delete an archived card for good", description = "ADMIN only, and only an archived card. Its history and comments go with it. Publishes `card.deleted`.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The card is not archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        cards.delete(id, user.id());
    }
}
