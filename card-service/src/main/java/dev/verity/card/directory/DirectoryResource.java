package dev.verity.card.directory;


import dev.verity.card.content.TextRules;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/directory")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory", description = "Users and groups. Anyone signed in may read them (to pick a verifier or @mention someone); only an ADMIN changes them. Every change is published on topic verity.directory.")
@SecurityRequirement(name = "bearer")
public class DirectoryResource {

    private final Directory directory;
    private final CurrentUser user;

    DirectoryResource(Directory directory, CurrentUser user) {
        this.directory = directory;
        this.user = user;
    }

    @Schema(name = "UserRequest")
    public record UserRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Carol Jones") String name,
            @Email @Size(max = 320) @Schema(example = "carol@example.com") String email) {
    }

    @Schema(name = "User")
    public record UserResponse(@Schema(example = "carol") String id, @Schema(example = "Carol Jones") String name,
            @Schema(example = "carol@example.com") String email, @Schema(example = "1") long version) {
        static UserResponse of(DirectoryUser u) {
            return new UserResponse(u.id, u.name, u.email, u.version);
        }
    }

    @Schema(name = "UserList")
    public record UserList(List<UserResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @Schema(name = "GroupRequest")
    public record GroupRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Billing experts") String name,
            @Size(max = 1000) @Schema(example = "Verify everything about invoices and refunds") String description,
            @NotNull @Size(max = 5000) @Schema(description = "User ids of every member (replaces the current list)", example = "[\"alice\", \"carol\"]")
            List<@NotNull @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE) String> memberIds) {
    }

    @Schema(name = "Group")
    public record GroupResponse(@Schema(example = "billing-experts") String id,
            @Schema(example = "Billing experts") String name, String description,
            @Schema(example = "[\"alice\", \"carol\"]") List<String> memberIds, @Schema(example = "2") long version) {
        static GroupResponse of(DirectoryGroup g) {
            return new GroupResponse(g.id, g.name, g.description, List.copyOf(g.memberIds), g.version);
        }
    }

    @Schema(name = "GroupList")
    public record GroupList(List<GroupResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @GET
    @Path("users")
    @Operation(operationId = "listUsers", summary = "List users", description = "Ordered by id; page with `cursor`.")
    @APIResponse(responseCode = "200", description = "A page of users",
            content = @Content(schema = @Schema(implementation = UserList.class)))
    public UserList users(@Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Deprecated: use `cursor`", deprecated = true) @QueryParam("after") String after) {
        int size = QueryParameters.limit(limit, 100, 500);
        List<UserResponse> items = directory.users(QueryParameters.renamed("cursor", cursor, "after", after), size).stream().map(UserResponse::of).toList();
        return new UserList(items, items.size() < size ? null : items.get(items.size() - 1).id());
    }

    @GET
    @Path("users/{id}")
    @Operation(operationId = "getUser", summary = "Read a user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    public UserResponse user(@PathParam("id") String id) {
        return UserResponse.of(directory.user(id));
    }

    @PUT
    @Path("users/{id}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "putUser", summary = "Create or update a user", description = "Idempotent. Publishes `directory.user.changed` when something changed.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "200", description = "Updated (or already so)", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "409", description = "The id is already a group",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putUser(
            @PathParam("id") @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE) String id,
            @Valid @NotNull UserRequest request) {
        Directory.Upserted<DirectoryUser> result = directory.putUser(id, request.name().strip(),
                request.email() == null ? null : request.email().strip(), user.id());
        return Response.status(result.created() ? 201 : 200).entity(UserResponse.of(result.value())).build();
    }

    @DELETE
    @Path("users/{id}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "removeUser", summary = "Remove a user", description = "Also removes them from every group. Publishes `directory.user.removed`.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void removeUser(@PathParam("id") String id) {
        directory.removeUser(id, user.id());
    }

    @GET
    @Path("groups")
    @Operation(operationId = "listGroups", summary = "List groups", description = "Ordered by id; page with `cursor`.")
    @APIResponse(responseCode = "200", description = "A page of groups",
            content = @Content(schema = @Schema(implementation = GroupList.class)))
    public GroupList groups(@Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Deprecated: use `cursor`", deprecated = true) @QueryParam("after") String after) {
        int size = QueryParameters.limit(limit, 100, 500);
        List<GroupResponse> items = directory.groups(QueryParameters.renamed("cursor", cursor, "after", after), size).stream().map(GroupResponse::of).toList();
        return new GroupList(items, items.size() < size ? null : items.get(items.size() - 1).id());
    }

    @GET
    @Path("groups/{id}")
    @Operation(operationId = "getGroup", summary = "Read a group and its members")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    public GroupResponse group(@PathParam("id") String id) {
        return GroupResponse.of(directory.group(id));
    }

    @PUT
    @Path("groups/{id}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "putGroup", summary = "Create or replace a group", description = "Replaces name, description and the whole member list; every member must be a directory user. Publishes `directory.group.changed` with all members.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "200", description = "Updated (or already so)", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "409", description = "The id is already a user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putGroup(
            @PathParam("id") @Pattern(regexp = TextRules.PRINCIPAL_ID, message = TextRules.PRINCIPAL_ID_MESSAGE) String id,
            @Valid @NotNull GroupRequest request) {
        Directory.Upserted<DirectoryGroup> result = directory.putGroup(id, request.name().strip(),
                request.description(), request.memberIds(), user.id());
        return Response.status(result.created() ? 201 : 200).entity(GroupResponse.of(result.value())).build();
    }

    @PUT
    @Path("groups/{id}/members/{userId}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "addGroupMember", summary = "Add a member to a group", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "The group with its members", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    public GroupResponse addMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return GroupResponse.of(directory.addMember(id, userId, user.id()));
    }

    @DELETE
    @Path("groups/{id}/members/{userId}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "removeGroupMember", summary = "Remove a member from a group")
    @APIResponse(responseCode = "200", description = "The group with its members", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    public GroupResponse removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return GroupResponse.of(directory.removeMember(id, userId, user.id()));
    }

    @DELETE
    @Path("groups/{id}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(operationId = "removeGroup", summary = "Remove a group", description = "Publishes `directory.group.removed`. Access grants naming the group stop applying.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void removeGroup(@PathParam("id") String id) {
        directory.removeGroup(id, user.id());
    }
}
