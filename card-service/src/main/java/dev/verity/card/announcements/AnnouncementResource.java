package dev.verity.card.announcements;

import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.QueryParameters;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

@Path("/announcements")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Announcements")
@SecurityRequirement(name = "bearer")
public class AnnouncementResource {

    /** Which of your announcements to list. */
    public enum State {
        /** Not acknowledged yet (this round). */
        OPEN,
        /** Acknowledged. */
        ACKNOWLEDGED
    }

    private final AnnouncementService announcements;
    private final CurrentUser user;

    AnnouncementResource(AnnouncementService announcements, CurrentUser user) {
        this.announcements = announcements;
        this.user = user;
    }

    @Schema(name = "AnnouncementReminder")
    public record ReminderResponse(UUID announcementId,
            @Schema(description = "Who was reminded: the recipients who had not acknowledged and may read the card", example = "[\"carol\"]") List<String> remindedUserIds,
            Instant remindedAt,
            @Schema(description = "From when the next reminder is allowed") Instant nextReminderAt) {
    }

    @GET
    @Operation(operationId = "listMyAnnouncements", summary = "List announcements made to you",
            description = "Announcements you received of cards you may still read (not archived), newest first. `state=OPEN` lists those waiting for your acknowledgement (what a \"Got it\" banner shows).")
    @APIResponse(responseCode = "200", description = "A page of announcements", content = @Content(schema = @Schema(implementation = AnnouncementResponse.Page.class)))
    public AnnouncementResponse.Page mine(
            @Parameter(description = "OPEN (not acknowledged) or ACKNOWLEDGED, in any case; default both", schema = @Schema(enumeration = { "OPEN", "ACKNOWLEDGED" })) @QueryParam("state") String state,
            @Parameter(description = "Only announcements of this card (what a card screen's banner asks)") @QueryParam("cardId") String cardId,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        State wanted = QueryParameters.oneOf("state", state == null ? null : state.strip().toUpperCase(Locale.ROOT),
                State.class);
        List<AnnouncementView> page = announcements.received(wanted == null ? null : wanted == State.ACKNOWLEDGED,
                QueryParameters.uuid("cardId", cardId), PageCursor.decode(cursor), size);
        return page(page, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAnnouncement", summary = "Read an announcement",
            description = "For an AUTHOR of the card's collection: every recipient, who acknowledged and who has not. For a recipient who may read the card: the announcement and your acknowledgement. 404 for anyone else.")
    @APIResponse(responseCode = "200", description = "The announcement", content = @Content(schema = @Schema(implementation = AnnouncementResponse.class)))
    public AnnouncementResponse get(@PathParam("id") UUID id) {
        return AnnouncementResponse.of(announcements.get(id));
    }

    @POST
    @Path("{id}/acknowledgement")
    @Operation(operationId = "acknowledgeAnnouncement", summary = "Acknowledge an announcement (\"Got it\")",
            description = "A recipient who may read the card. Idempotent: the first acknowledgement of the round stays and only it publishes `announcement.acknowledged`.")
    @APIResponse(responseCode = "200", description = "Acknowledged", content = @Content(schema = @Schema(implementation = AnnouncementResponse.class)))
    public AnnouncementResponse acknowledge(@PathParam("id") UUID id) {
        return AnnouncementResponse.of(announcements.acknowledge(id, user.id()));
    }

    @POST
    @Path("{id}/reminders")
    @Operation(operationId = "remindAnnouncement", summary = "Remind those who have not acknowledged",
            description = "Needs AUTHOR in the card's collection. Tells again every recipient who has not acknowledged and may still read the card; publishes `announcement.reminded`. At most once per 24 hours (`verity.announcements.reminder-interval`): sooner is 429 with `Retry-After` and `nextReminderAt`.")
    @APIResponse(responseCode = "200", description = "Reminded", content = @Content(schema = @Schema(implementation = ReminderResponse.class)))
    @APIResponse(responseCode = "409", description = "Everyone who may read the card has acknowledged", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Reminded less than a day ago; `nextReminderAt` says from when", headers = @Header(name = "Retry-After"), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReminderResponse remind(@PathParam("id") UUID id) {
        AnnouncementService.Reminded reminded = announcements.remind(id, user.id());
        return new ReminderResponse(reminded.announcementId(), reminded.remindedUserIds(), reminded.remindedAt(),
                reminded.nextReminderAt());
    }

    @POST
    @Path("{id}/renewals")
    @Operation(operationId = "renewAnnouncement", summary = "Ask everyone to acknowledge again after an edit",
            description = "Needs AUTHOR in the card's collection, and the card edited since the announced version. Starts a new round: acknowledgements reset, recipients resolved again from the users and groups named (new group members join), everyone who may read the card told again. Publishes `announcement.renewed`.")
    @APIResponse(responseCode = "200", description = "Renewed", content = @Content(schema = @Schema(implementation = AnnouncementResponse.class)))
    @APIResponse(responseCode = "409", description = "The card has not changed since the announced version, or it is archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AnnouncementResponse renew(@PathParam("id") UUID id) {
        return AnnouncementResponse.of(announcements.renew(id, user.id()));
    }

    static AnnouncementResponse.Page page(List<AnnouncementView> page, int size) {
        String next = page.size() < size ? null
                : new PageCursor(page.get(page.size() - 1).announcement().createdAt,
                        page.get(page.size() - 1).announcement().id).encode();
        return new AnnouncementResponse.Page(page.stream().map(AnnouncementResponse::of).toList(), next);
    }
}
