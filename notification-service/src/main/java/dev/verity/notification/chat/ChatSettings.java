package dev.verity.notification.chat;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChatSettings", description = "Where the caller's chat messages go: a Slack-compatible incoming webhook")
public record ChatSettings(
        @Schema(description = "An https incoming-webhook URL (Slack, Mattermost, …); null when none is set",
                example = "https://hooks.slack.com/services/T000/B000/XXXX") String webhookUrl) {
}
