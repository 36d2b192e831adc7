package dev.verity.card.collections;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/collections")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Collections", description = "The top level of organisation and access. Changes are published on topic verity.collections.")
@SecurityRequirement(name = "bearer")
public class CollectionResource {

    private final CollectionService collections;
    private final CollectionRoles access;
    private final CurrentUser user;

    CollectionResource(CollectionService collections, CollectionRoles access, CurrentUser user) {
        this.collections = collections;
        this.access = access;
        this.user = user;
    }

    @Schema(name = "CollectionList")
    public record CollectionList(List<CollectionResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @POST
    @Operation(operationId = "createCollection", summary = "Create a collection", description = "You become its COLLECTION_OWNER. Publishes `collection.created`.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = CollectionResponse.class)))
    @APIResponse(responseCode = "409", description = "A collection with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CollectionRequest request, UriInfo uri) {
        Collection c = collections.create(request.settings(),
                request.access() == null ? null : request.access().stream().map(AccessGrantRequest::toGrant).toList(),
                user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .tag(VersionTags.of(c.version)).entity(CollectionResponse.of(c, Role.COLLECTION_OWNER)).build();
    }

    @GET
    @Operation(operationId = "listCollections", summary = "List the collections you can see", description = "Oldest first, with your role in each.")
    @APIResponse(responseCode = "200", description = "A page of collections", content = @Content(schema = @Schema(implementation = CollectionList.class)))
    public CollectionList list(@Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<CollectionService.Visible> page = collections.list(PageCursor.decode(cursor), size);
        List<CollectionResponse> items = page.stream().map(v -> CollectionResponse.of(v.collection(), v.role())).toList();
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).collection().createdAt, page.get(page.size() - 1).collection().id).encode();
        return new CollectionList(items, next);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCollection", summary = "Read a collection", description = "Needs any role in it. `ETag` carries its version, which grows with every change of the collection: its settings, its access list and its folder tree (a folder created, renamed, moved, reordered or deleted).")
    @APIResponse(responseCode = "200", description = "The collection", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CollectionResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Collection c = collections.get(id);
        return Response.ok(CollectionResponse.of(c, access.roleIn(id).orElseThrow())).tag(VersionTags.of(c.version)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateCollection", summary = "Change a collection's settings", description = "COLLECTION_OWNER only; requires `If-Match`. `access` in the body is ignored (use PUT /collections/{id}/access). Publishes `collection.changed`. A folder change in the collection also bumps its version, so an `ETag` read before it gets 412.")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CollectionResponse.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it; `currentVersion` says which version is current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag from your last read", required = true, example = "\"2\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CollectionRequest request) {
        Collection c = collections.update(id, VersionTags.expectedVersion(ifMatch), request.settings(), user.id());
        return Response.ok(CollectionResponse.of(c, access.roleIn(id).orElseThrow())).tag(VersionTags.of(c.version)).build();
    }

    @PUT
    @Path("{id}/access")
    @Operation(operationId = "replaceCollectionAccess", summary = "Replace a collection's access list", description = "COLLECTION_OWNER only; requires `If-Match`. Every principal must be in the directory and at least one COLLECTION_OWNER must remain. Publishes `collection.changed` with the new list. A folder change in the collection also bumps its version, so an `ETag` read before it gets 412.")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = CollectionResponse.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "`If-Match` is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replaceAccess(@PathParam("id") UUID id,
            @Parameter(description = "The ETag from your last read", required = true, example = "\"2\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull @Size(max = 500) List<@NotNull @Valid AccessGrantRequest> grants) {
        Collection c = collections.replaceAccess(id, VersionTags.expectedVersion(ifMatch),
                grants.stream().map(AccessGrantRequest::toGrant).toList(), user.id());
        return Response.ok(CollectionResponse.of(c, access.roleIn(id).orElse(null))).tag(VersionTags.of(c.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteCollection", summary = "Delete an empty collection", description = "ADMIN only. Publishes `collection.deleted`.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The collection still holds cards",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        collections.delete(id, user.id());
    }
}
