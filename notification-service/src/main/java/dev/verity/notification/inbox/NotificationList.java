package dev.verity.notification.inbox;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NotificationList", description = "A page of the caller's notifications, newest first")
public record NotificationList(
        List<NotificationResponse> items,
        @Schema(description = "All of the caller's unread notifications, whatever the filter and limit", example = "3")
        long unreadCount,
        @Schema(description = "Pass as `cursor` for the next (older) page; null on the last page", nullable = true) String nextCursor) {
}
