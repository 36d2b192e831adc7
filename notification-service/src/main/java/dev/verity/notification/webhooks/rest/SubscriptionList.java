package dev.verity.notification.webhooks.rest;

import java.util.List;

public record SubscriptionList(List<SubscriptionResponse> items) {
}
