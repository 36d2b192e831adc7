package dev.verity.card.announcements;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
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

@Path("/cards/{cardId}/announcements")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Announcements", description = "Announce a card to users and groups and see who acknowledged it. Published on topic verity.announcements.")
@SecurityRequirement(name = "bearer")
public class CardAnnouncementResource {

    private final AnnouncementService announcements;
    private final CurrentUser user;

    CardAnnouncementResource(AnnouncementService announcements, CurrentUser user) {
        this.announcements = announcements;
        this.user = user;
    }

    @Schema(name = "AnnouncementRequest")
    public record AnnouncementRequest(
            @Size(max = 100) @Schema(description = "Directory users to tell; `[]` or absent for none", example = "[\"bob\"]")
            List<@NotBlank @Size(max = 100) String> userIds,
            @Size(max = 100) @Schema(description = "Directory groups whose members to tell; `[]` or absent for none", example = "[\"support\"]")
            List<@NotBlank @Size(max = 100) String> groupIds,
            @Size(max = 2000) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Why recipients should read the card; plain text, at most 2,000 characters", nullable = true, example = "Refunds take 14 days now, please read before your next shift.")
            String message) {

        List<String> users() {
            return userIds == null ? List.of() : userIds.stream().map(String::strip).toList();
        }

        List<String> groups() {
            return groupIds == null ? List.of() : groupIds.stream().map(String::strip).toList();
        }
    }

    @POST
    @Operation(operationId = "announceCard", summary = "Announce a card",
            description = "Needs AUTHOR in the card's collection. Tells the users named and the members of the groups named, each once, never you, only those who may read the card (grants to them or to directory groups of theirs); each is asked to acknowledge. Publishes `announcement.created`, whose `told` lists them; notification-service tells each on their channels.")
    @APIResponse(responseCode = "201", description = "Announced; `Location` points at the announcement, `recipients` lists who was told",
            headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = AnnouncementResponse.class)))
    @APIResponse(responseCode = "409", description = "The card is archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More recipients than one announcement may reach (`limit` = `announcement-recipients`)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response announce(@PathParam("cardId") UUID cardId, @Valid @NotNull AnnouncementRequest request) {
        AnnouncementView view = announcements.announce(cardId, request.users(), request.groups(), request.message(),
                user.id());
        return Response.created(UriBuilder.fromPath("/announcements/{id}").build(view.announcement().id))
                .entity(AnnouncementResponse.of(view)).build();
    }

    @GET
    @Operation(operationId = "listCardAnnouncements", summary = "List a card's announcements",
            description = "Needs AUTHOR in the card's collection. Newest first, each with how many recipients acknowledged; `GET /announcements/{id}` names them.")
    @APIResponse(responseCode = "200", description = "A page of announcements", content = @Content(schema = @Schema(implementation = AnnouncementResponse.Page.class)))
    public AnnouncementResponse.Page list(@PathParam("cardId") UUID cardId,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        int size = QueryParameters.limit(limit, 50, 200);
        List<AnnouncementView> page = announcements.ofCard(cardId, PageCursor.decode(cursor), size);
        return AnnouncementResource.page(page, size);
    }
}
