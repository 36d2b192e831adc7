package dev.verity.notification.webhooks;

import java.util.List;

public record SubscriptionList(List<SubscriptionResponse> items) {
}
