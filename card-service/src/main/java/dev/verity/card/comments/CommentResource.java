package dev.verity.card.comments;


import dev.verity.card.content.TextRules;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
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

@Path("/cards/{cardId}/comments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Comments", description = "Comments on a card, with @mentions of directory users. Published on topic verity.comments.")
@SecurityRequirement(name = "bearer")
public class CommentResource {

    private final CommentService comments;
    private final CurrentUser user;

    CommentResource(CommentService comments, CurrentUser user) {
        this.comments = comments;
        this.user = user;
    }

    @Schema(name = "CommentRequest")
    public record CommentRequest(
            @NotBlank @Size(max = 10_000) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Markdown; `@userId` mentions a directory user", example = "@alice PayPal refunds are instant now, can you update this?")
            String body) {
    }

    @Schema(name = "Comment")
    public record CommentResponse(UUID id, UUID cardId, @Schema(example = "1") long version, @Schema(example = "bob") String authorId,
            @Schema(description = "Markdown source exactly as written, not sanitised: escape it, or render it with a sanitising Markdown renderer, before putting it into HTML") String body, @Schema(description = "Directory users mentioned", example = "[\"alice\"]") List<String> mentions,
            @Schema(example = "OPEN") String status, String resolvedBy, Instant resolvedAt, Instant createdAt, Instant updatedAt) {
        static CommentResponse of(Comment c) {
            return new CommentResponse(c.id, c.cardId, c.version, c.authorId, c.body, List.copyOf(c.mentions),
                    c.status.name(), c.resolvedBy, c.resolvedAt, c.createdAt, c.updatedAt);
        }
    }

    @Schema(name = "CommentList")
    public record CommentList(List<CommentResponse> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @POST
    @Operation(operationId = "addComment", summary = "Comment on a card", description = "Anyone who can see the card. Publishes `comment.added` listing the users mentioned.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    public Response add(@PathParam("cardId") UUID cardId, @Valid @NotNull CommentRequest request, UriInfo uri) {
        Comment c = comments.add(cardId, request.body(), user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .entity(CommentResponse.of(c)).build();
    }

    @GET
    @Operation(operationId = "listComments", summary = "List a card's comments", description = "Oldest first.")
    @APIResponse(responseCode = "200", description = "A page of comments", content = @Content(schema = @Schema(implementation = CommentList.class)))
    public CommentList list(@PathParam("cardId") UUID cardId,
            @Parameter(description = "OPEN or RESOLVED; default both") @QueryParam("status") String status,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<Comment> page = comments.list(cardId, QueryParameters.oneOf("status", status, Comment.Status.class),
                PageCursor.decode(cursor), size);
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id).encode();
        return new CommentList(page.stream().map(CommentResponse::of).toList(), next);
    }

    @PUT
    @Path("{commentId}")
    @Operation(operationId = "editComment", summary = "Edit your comment", description = "Publishes `comment.edited`; `newMentions` lists users mentioned for the first time.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    public CommentResponse edit(@PathParam("cardId") UUID cardId, @PathParam("commentId") UUID commentId,
            @Valid @NotNull CommentRequest request) {
        return CommentResponse.of(comments.edit(cardId, commentId, request.body(), user.id()));
    }

    @POST
    @Path("{commentId}/resolve")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "resolveComment", summary = "Resolve a comment", description = "The comment's author or an AUTHOR of the collection. Publishes `comment.resolved`.")
    @APIResponse(responseCode = "200", description = "Resolved", content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    @APIResponse(responseCode = "409", description = "Already resolved", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CommentResponse resolve(@PathParam("cardId") UUID cardId, @PathParam("commentId") UUID commentId) {
        return CommentResponse.of(comments.resolve(cardId, commentId, true, user.id()));
    }

    @POST
    @Path("{commentId}/reopen")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "reopenComment", summary = "Reopen a resolved comment", description = "The comment's author or an AUTHOR of the collection. Publishes `comment.reopened`.")
    @APIResponse(responseCode = "200", description = "Reopened", content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    @APIResponse(responseCode = "409", description = "Already open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CommentResponse reopen(@PathParam("cardId") UUID cardId, @PathParam("commentId") UUID commentId) {
        return CommentResponse.of(comments.resolve(cardId, commentId, false, user.id()));
    }

    @DELETE
    @Path("{commentId}")
    @Operation(operationId = "deleteComment", summary = "Delete a comment", description = "The comment's author or a COLLECTION_OWNER. Publishes `comment.deleted`.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("cardId") UUID cardId, @PathParam("commentId") UUID commentId) {
        comments.delete(cardId, commentId, user.id());
    }
}
