package dev.verity.notification.rest;

import dev.verity.platform.http.QueryParameters;
import dev.verity.notification.service.NotificationService;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notifications; nobody can list, read or even detect anyone else's. */
@Path("/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "The signed-in user's in-app notifications")
@SecurityRequirement(name = "bearer")
public class NotificationResource {

    private final NotificationService notifications;
    private final CurrentUser user;

    NotificationResource(NotificationService notifications, CurrentUser user) {
        this.notifications = notifications;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "List my notifications",
            description = "The caller's notifications, newest first, with the number of unread ones (for a badge). `unread=true` lists only unread ones, `unread=false` only read ones; without it, both.")
    @APIResponse(responseCode = "200", description = "The caller's notifications",
            content = @Content(schema = @Schema(implementation = NotificationList.class)))
    public NotificationList list(
            @Parameter(description = "true: only unread; false: only read; absent: all", example = "true",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("unread") String unread,
            @Parameter(description = "At most this many notifications", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        Boolean onlyUnread = QueryParameters.bool("unread", unread);
        int max = QueryParameters.limit(limit, 50, 200);
        String me = user.id();
        return new NotificationList(
                notifications.list(me, onlyUnread, max).stream().map(NotificationResponse::of).toList(),
                notifications.unreadCount(me));
    }

    @POST
    @Path("{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read",
            description = "Idempotent: marking it again keeps the time it was first read.")
    @APIResponse(responseCode = "200", description = "The notification, now read",
            content = @Content(schema = @Schema(implementation = NotificationResponse.class)))
    @APIResponse(responseCode = "404", description = "No such notification among the caller's (others' are never revealed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NotificationResponse markRead(
            @Parameter(description = "The notification's id", example = "5f0c2b7e-8d1a-4c33-9e0b-2a4f6d8c1e90")
            @PathParam("id") UUID id) {
        return NotificationResponse.of(notifications.markRead(user.id(), id));
    }

    @POST
    @Path("read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all my notifications read", description = "Says how many were unread.")
    @APIResponse(responseCode = "200", description = "How many were marked",
            content = @Content(schema = @Schema(implementation = MarkedRead.class)))
    public MarkedRead markAllRead() {
        return new MarkedRead(notifications.markAllRead(user.id()));
    }
}
