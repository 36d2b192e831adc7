package dev.verity.notification.follows;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.access.Viewer;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller follows and unfollows cards; anyone signed in may see who follows one. */
@Path("/cards/{cardId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follows", description = "Follow a card to hear of every change someone else makes to it")
@SecurityRequirement(name = "bearer")
public class FollowResource {

    private final FollowService follows;
    private final CurrentUser user;

    FollowResource(FollowService follows, CurrentUser user) {
        this.follows = follows;
        this.user = user;
    }

    @PUT
    @Path("follow")
    @Operation(operationId = "followCard", summary = "Follow a card",
            description = "The caller is told of every later change of the card (edit, move, archive, restore, delete) made by someone else. Idempotent.")
    @APIResponse(responseCode = "204", description = "The caller follows the card (already did, or does now)")
    @APIResponse(responseCode = "404", description = "The service has seen no event of this card (yet), or the caller may not read its collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void follow(@Parameter(description = "The card's id") @PathParam("cardId") UUID cardId) {
        follows.follow(cardId, Viewer.of(user));
    }

    @GET
    @Path("follow")
    @Operation(operationId = "getFollowState", summary = "Whether the caller follows a card",
            description = "What a Follow button shows: `following` and since when, without paging through the followers.")
    @APIResponse(responseCode = "200", description = "The caller's follow state for the card",
            content = @Content(schema = @Schema(implementation = FollowState.class)))
    @APIResponse(responseCode = "404", description = "The service has seen no event of this card (yet), or the caller may not read its collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowState state(@Parameter(description = "The card's id") @PathParam("cardId") UUID cardId) {
        return follows.state(cardId, Viewer.of(user));
    }

    @DELETE
    @Path("follow")
    @Operation(operationId = "unfollowCard", summary = "Stop following a card", description = "Idempotent: unfollowing a card one does not follow changes nothing.")
    @APIResponse(responseCode = "204", description = "The caller does not follow the card")
    public void unfollow(@Parameter(description = "The card's id") @PathParam("cardId") UUID cardId) {
        follows.unfollow(cardId, user.id());
    }

    @GET
    @Path("followers")
    @Operation(operationId = "listCardFollowers", summary = "List a card's followers", description = "Longest-standing first, a page at a time.")
    @APIResponse(responseCode = "200", description = "A page of followers",
            content = @Content(schema = @Schema(implementation = FollowerList.class)))
    @APIResponse(responseCode = "404", description = "The service has seen no event of this card (yet), or the caller may not read its collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowerList followers(
            @Parameter(description = "The card's id") @PathParam("cardId") UUID cardId,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many followers",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        int max = QueryParameters.limit(limit, 50, 200);
        List<CardFollower> page = follows.followers(cardId, Viewer.of(user), PageCursor.decode(cursor), max + 1);
        boolean more = page.size() > max;
        List<CardFollower> items = more ? page.subList(0, max) : page;
        String next = more ? new PageCursor(items.get(max - 1).followedAt, items.get(max - 1).id).encode() : null;
        return new FollowerList(items.stream().map(f -> new FollowerList.Follower(f.userId, f.followedAt)).toList(),
                next);
    }
}
