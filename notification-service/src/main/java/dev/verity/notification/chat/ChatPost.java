package dev.verity.notification.chat;

import dev.verity.notification.delivery.DeliveryQueue;
import java.util.UUID;

/** One claimed chat message and the URL it goes to now (null: the user removed their webhook). */
public record ChatPost(UUID id, String recipientId, String type, String payload, int attempts, String url)
        implements DeliveryQueue.Row {
}
