package dev.verity.notification.preferences;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Preferences", description = "How each type of notification reaches the caller, per channel, and when their daily digest goes out")
public record PreferencesDocument(
        @Schema(description = "The hour (0-23) the daily digest email goes out, in `timeZone`; default 8", example = "8")
        Integer digestHour,
        @Schema(description = "An IANA time zone; default UTC", example = "Europe/Rome") String timeZone,
        @Schema(description = "Per notification type (VERIFICATION_EXPIRED, ...): the mode of each channel. A type or channel left out gets its default")
        Map<String, ChannelModes> types) {

    @Schema(name = "ChannelModes")
    public record ChannelModes(
            @Schema(description = "IMMEDIATE or OFF", example = "IMMEDIATE") String inbox,
            @Schema(description = "IMMEDIATE, DIGEST or OFF", example = "DIGEST") String email,
            @Schema(description = "IMMEDIATE or OFF: a message to the chat webhook (`PUT /preferences/chat`), if one is set", example = "IMMEDIATE") String chat) {
    }
}
