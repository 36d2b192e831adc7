package dev.verity.notification.preferences;

import dev.verity.notification.chat.ChatService;
import dev.verity.notification.chat.ChatSettings;
import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notification preferences. */
@Path("/preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences", description = "How each type of notification reaches the signed-in user")
@SecurityRequirement(name = "bearer")
public class PreferenceResource {

    private final PreferenceService preferences;
    private final ChatService chat;
    private final CurrentUser user;

    PreferenceResource(PreferenceService preferences, ChatService chat, CurrentUser user) {
        this.preferences = preferences;
        this.chat = chat;
        this.user = user;
    }

    @GET
    @Operation(operationId = "getPreferences", summary = "My notification preferences", description = "Every type with the mode of each channel (defaults filled in) and the digest hour.")
    @APIResponse(responseCode = "200", description = "The caller's preferences",
            content = @Content(schema = @Schema(implementation = PreferencesDocument.class)))
    public PreferencesDocument get() {
        return preferences.of(user.id());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replacePreferences", summary = "Replace my notification preferences",
            description = "Whatever the document leaves out gets its default: inbox IMMEDIATE, email `verity.notification.email.default-mode` (OFF), digest at 8 UTC. The inbox is IMMEDIATE or OFF; email IMMEDIATE, DIGEST (the daily digest at `digestHour` in `timeZone`) or OFF.")
    @APIResponse(responseCode = "200", description = "The preferences now in force",
            content = @Content(schema = @Schema(implementation = PreferencesDocument.class)))
    @APIResponse(responseCode = "400", description = "An unknown type, a mode a channel does not have, an hour outside 0-23 or an unknown time zone; `errors` names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PreferencesDocument put(PreferencesDocument document) {
        return preferences.replace(user.id(), document);
    }

    @GET
    @Path("chat")
    @Operation(operationId = "getChatSettings", summary = "My chat webhook", description = "The incoming-webhook URL the caller's chat messages go to; `webhookUrl` is null when none is set.")
    @APIResponse(responseCode = "200", description = "The caller's chat settings",
            content = @Content(schema = @Schema(implementation = ChatSettings.class)))
    public ChatSettings getChat() {
        return chat.of(user.id());
    }

    @PUT
    @Path("chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setChatSettings", summary = "Set my chat webhook",
            description = "A Slack-compatible incoming-webhook URL. Notification types whose `chat` mode is IMMEDIATE (the default, `verity.notification.chat.default-mode`) are posted there as Block Kit messages. The URL must be https and resolve only to public addresses (checked again before every post).")
    @APIResponse(responseCode = "200", description = "The chat settings now in force",
            content = @Content(schema = @Schema(implementation = ChatSettings.class)))
    @APIResponse(responseCode = "400", description = "A URL that is not absolute https, does not resolve or resolves to a forbidden address; `errors[0].field` is `webhookUrl`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChatSettings putChat(ChatSettings settings) {
        return chat.set(user.id(), settings);
    }

    @DELETE
    @Path("chat")
    @Operation(operationId = "removeChatSettings", summary = "Remove my chat webhook", description = "No more chat messages (idempotent).")
    @APIResponse(responseCode = "204", description = "No chat webhook is set")
    public void deleteChat() {
        chat.remove(user.id());
    }
}
