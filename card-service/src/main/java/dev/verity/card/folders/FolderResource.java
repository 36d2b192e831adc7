package dev.verity.card.folders;


import dev.verity.card.content.TextRules;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/collections/{collectionId}/folders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Folders", description = "Nested, ordered folders that arrange a collection's cards. Reading needs any role in the collection; changes need AUTHOR.")
@SecurityRequirement(name = "bearer")
public class FolderResource {

    private final FolderService folders;

    FolderResource(FolderService folders) {
        this.folders = folders;
    }

    @Schema(name = "FolderRequest")
    public record FolderRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(example = "Refunds") String name,
            @Schema(description = "Parent folder in the same collection; null for the top level") UUID parentId,
            @Min(0) @Schema(description = "0-based place among its siblings; default last", example = "0") Integer position) {
    }

    @Schema(name = "Folder")
    public record FolderResponse(UUID id, UUID collectionId, UUID parentId, @Schema(example = "Refunds") String name,
            @Schema(example = "0") int position, @Schema(description = "Sub-folders in order") List<FolderResponse> children) {
        static FolderResponse of(Folder f, List<FolderResponse> children) {
            return new FolderResponse(f.id, f.collectionId, f.parentId, f.name, f.position, children);
        }
    }

    @POST
    @Operation(operationId = "createFolder", summary = "Create a folder", description = "A change of the collection: its version (ETag) grows and `collection.changed` carries the new folder tree.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = FolderResponse.class)))
    public Response create(@PathParam("collectionId") UUID collectionId, @Valid @NotNull FolderRequest request, UriInfo uri) {
        Folder folder = folders.create(collectionId, request.name(), request.parentId(), request.position());
        return Response.created(uri.getBaseUriBuilder().path("folders").path(folder.id.toString()).build())
                .entity(FolderResponse.of(folder, List.of())).build();
    }

    @GET
    @Operation(operationId = "getFolderTree", summary = "The collection's folder tree", description = "Top-level folders in order, each with its sub-folders.")
    @APIResponse(responseCode = "200", description = "The tree",
            content = @Content(schema = @Schema(implementation = FolderResponse.class, type = SchemaType.ARRAY)))
    public List<FolderResponse> tree(@PathParam("collectionId") UUID collectionId) {
        List<Folder> all = folders.tree(collectionId);
        Map<UUID, List<Folder>> byParent = new LinkedHashMap<>();
        for (Folder f : all) {
            byParent.computeIfAbsent(f.parentId, k -> new ArrayList<>()).add(f);
        }
        return build(null, byParent);
    }

    private static List<FolderResponse> build(UUID parent, Map<UUID, List<Folder>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(f -> FolderResponse.of(f, build(f.id, byParent))).toList();
    }

}
