package dev.verity.card.capture;


import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardResponse;
import dev.verity.card.cards.CardViews;
import dev.verity.card.content.ChatMessage;
import dev.verity.card.content.TextRules;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/captures")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Capture", description = "Turn a chat message or thread into a draft card")
@SecurityRequirement(name = "bearer")
public class CaptureResource {

    private static final String SLACK_TS = "[0-9]{1,12}(\\.[0-9]{1,9})?";
    private static final String SLACK_TS_MESSAGE = "must be a Slack timestamp such as 1700000000.123456";

    private final CaptureService captures;
    private final CardViews views;
    private final CurrentUser user;

    CaptureResource(CaptureService captures, CardViews views, CurrentUser user) {
        this.captures = captures;
        this.views = views;
        this.user = user;
    }

    @Schema(name = "ChatReply", description = "A reply in the thread (Slack message shape)")
    public record Reply(
            @NotBlank @Size(max = 100) @Schema(description = "Author (Slack user id or display name)", example = "U024BE7LH") String user,
            @NotNull @Size(max = 40_000) @Schema(description = "Slack mrkdwn", example = "Yes: *instant* since May, see <https://help.example.com/paypal|the help page>") String text,
            @NotBlank @Pattern(regexp = SLACK_TS, message = SLACK_TS_MESSAGE) @Schema(example = "1700000100.000200") String ts) {
    }

    @Schema(name = "ChatMessage", description = "A Slack message (as the Events API or conversations.history returns it) with its replies")
    public record Message(
            @NotBlank @Size(max = 100) @Schema(example = "U024BE7LG") String user,
            @NotBlank @Size(max = 40_000) @Schema(description = "Slack mrkdwn", example = "Are *PayPal* refunds instant now? <@U024BE7LH>") String text,
            @Size(max = 100) @Schema(description = "Channel name or id", example = "support-billing") String channel,
            @NotBlank @Pattern(regexp = SLACK_TS, message = SLACK_TS_MESSAGE) @Schema(example = "1700000000.123456") String ts,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            @Schema(description = "Kept as the card's source", example = "https://acme.slack.com/archives/C024BE91L/p1700000000123456") String permalink,
            @Valid @Size(max = 500) List<@NotNull @Valid Reply> replies) {
    }

    @Schema(name = "CaptureRequest")
    public record CaptureRequest(
            @NotNull @Schema(description = "Collection for the draft (you need AUTHOR there)") UUID collectionId,
            @Size(max = 20) List<@NotNull UUID> folderIds,
            @Size(max = TextRules.MAX_TITLE) @Pattern(regexp = TextRules.NO_CONTROL_CHARS, message = TextRules.NO_CONTROL_CHARS_MESSAGE)
            @Schema(description = "Defaults to the message's first line", example = "Are PayPal refunds instant?") String title,
            @Size(max = TextRules.MAX_TAGS) List<@NotBlank @Size(max = TextRules.MAX_TAG) @Pattern(regexp = TextRules.TAG, message = TextRules.TAG_MESSAGE) String> tags,
            @Valid @NotNull Message message) {
    }

    @POST
    @Operation(operationId = "captureChatThread", summary = "Capture a chat thread as a draft card",
            description = "Converts the message and its replies from Slack mrkdwn to Markdown, keeps the permalink as the card's source, and creates a DRAFT card. Publishes `card.created`.")
    @APIResponse(responseCode = "201", description = "The draft card", headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = CardResponse.class)))
    @APIResponse(responseCode = "403", description = "You are not AUTHOR in the collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such collection, or you hold no role in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response capture(@Valid @NotNull CaptureRequest request, UriInfo uri) {
        Message m = request.message();
        List<ChatMessage> replies = m.replies() == null ? List.of()
                : m.replies().stream().map(r -> new ChatMessage(r.user(), r.text(), r.ts())).toList();
        Card card = captures.capture(new CaptureService.Capture(request.collectionId(),
                request.folderIds() == null ? List.of() : request.folderIds(), request.title(), request.tags(),
                new ChatMessage(m.user(), m.text(), m.ts()), replies, m.channel(), m.permalink()), user.id());
        CardResponse created = views.of(card);
        return Response.created(uri.getBaseUriBuilder().path("cards").path(created.id().toString()).build())
                .tag(VersionTags.of(created.version())).entity(created).build();
    }
}
