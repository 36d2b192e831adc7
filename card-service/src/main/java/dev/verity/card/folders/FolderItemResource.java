package dev.verity.card.folders;

import dev.verity.platform.problem.Problem;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/folders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Folders", description = "Nested, ordered folders that arrange a collection's cards. Reading needs any role in the collection; changes need AUTHOR.")
@SecurityRequirement(name = "bearer")
public class FolderItemResource {

    private final FolderService folders;

    FolderItemResource(FolderService folders) {
        this.folders = folders;
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getFolder", summary = "Read a folder")
    @APIResponse(responseCode = "200", description = "The folder (without children)", content = @Content(schema = @Schema(implementation = FolderResource.FolderResponse.class)))
    public FolderResource.FolderResponse get(@PathParam("id") UUID id) {
        return FolderResource.FolderResponse.of(folders.get(id), List.of());
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateFolder", summary = "Rename, move or reorder a folder", description = "Cards in it stay in it. A folder cannot move into its own sub-folder or another collection. A change of the collection: its version (ETag) grows and `collection.changed` carries the new folder tree.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = FolderResource.FolderResponse.class)))
    public FolderResource.FolderResponse update(@PathParam("id") UUID id, @Valid @NotNull FolderResource.FolderRequest request) {
        return FolderResource.FolderResponse.of(folders.update(id, request.name(), request.parentId(), request.position()), List.of());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteFolder", summary = "Delete an empty folder", description = "A change of the collection: its version (ETag) grows and `collection.changed` carries the new folder tree.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The folder still holds sub-folders or cards",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        folders.delete(id);
    }
}
