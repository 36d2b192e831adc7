package dev.verity.notification.preferences;

import dev.verity.platform.problem.Problem;
import dev.verity.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
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
    private final CurrentUser user;

    PreferenceResource(PreferenceService preferences, CurrentUser user) {
        this.preferences = preferences;
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
}
