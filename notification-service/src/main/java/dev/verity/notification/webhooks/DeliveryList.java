package dev.verity.notification.webhooks;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record DeliveryList(
        List<DeliveryResponse> items,
        @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {
}
