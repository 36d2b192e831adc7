package dev.verity.notification.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MarkedRead", description = "The outcome of marking every notification read")
public record MarkedRead(
        @Schema(description = "How many were unread and are now read", example = "3") int marked) {
}
