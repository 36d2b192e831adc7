package dev.verity.notification.inbox;

import dev.verity.notification.inbox.Notification;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.problem.ProblemException;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
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

/** The caller's own notifications; nobody can list, read or even detect anyone else's. */
@Path("/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "The signed-in user's in-app notifications")
@SecurityRequirement(name = "bearer")
public class NotificationResource {

    private final InboxService notifications;
    private final NotificationStreams streams;
    private final CurrentUser user;

    NotificationResource(InboxService notifications, NotificationStreams streams, CurrentUser user) {
        this.notifications = notifications;
        this.streams = streams;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "List my notifications",
            description = "The caller's notifications, newest first, a page at a time (pass `nextCursor` back as `cursor`), with the number of unread ones (for a badge). `unread=true` lists only unread ones, `unread=false` only read ones; without it, both.")
    @APIResponse(responseCode = "200", description = "The caller's notifications",
            content = @Content(schema = @Schema(implementation = NotificationList.class)))
    public NotificationList list(
            @Parameter(description = "true: only unread; false: only read; absent: all", example = "true",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("unread") String unread,
            @Parameter(description = "At most this many notifications", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        Boolean onlyUnread = QueryParameters.bool("unread", unread);
        int max = QueryParameters.limit(limit, 50, 200);
        PageCursor after = PageCursor.decode(cursor);
        String me = user.id();
        List<Notification> page = notifications.list(me, onlyUnread, after, max + 1);
        boolean more = page.size() > max;
        List<Notification> items = more ? page.subList(0, max) : page;
        String next = more ? new PageCursor(items.get(max - 1).createdAt, items.get(max - 1).id).encode() : null;
        return new NotificationList(items.stream().map(NotificationResponse::of).toList(),
                notifications.unreadCount(me), next);
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(operationId = "streamNotifications", summary = "Watch my notifications live (Server-Sent Events)",
            description = "Each new notification of the caller arrives as an event named `notification` whose id is its `seq` and whose data is the notification's JSON. "
                    + "After a reconnect, `Last-Event-ID` (which `EventSource` sends by itself) replays every notification after that id from the database, then the stream goes on live. "
                    + "Without it the stream starts after the caller's newest notification (`lastEventId=0` replays them all). "
                    + "A browser's `EventSource` cannot send headers: this endpoint alone also takes the bearer token as the `access_token` query parameter.")
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream); it stays open")
    @APIResponse(responseCode = "400", description = "`Last-Event-ID` is not a number this stream handed out",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The id of the last event received; sent by `EventSource` on reconnect", example = "42")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "The same as a query parameter, for a first connection that should resume (the header wins)",
                    example = "42")
            @QueryParam("lastEventId") String lastEventIdParameter,
            @Parameter(description = "The bearer token, for clients that cannot send an `Authorization` header (`EventSource`)")
            @QueryParam(StreamTokenParameter.PARAMETER) String accessToken,
            @Context Sse sse) {
        String me = user.id();
        Long resumeAfter = sequence(lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParameter);
        long start = resumeAfter != null ? resumeAfter : notifications.lastSeq(me);
        return streams.stream(me, start, sse);
    }

    /** A stream's event id: a whole number from 0 up, or a 400 naming {@code Last-Event-ID}. */
    private static Long sequence(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(raw.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidParameter("Last-Event-ID",
                "must be the id of an event this stream sent (a whole number from 0), got '" + raw + "'");
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
