package dev.verity.notification.webhooks;

/** Where one delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (the first, or a retry after {@code nextAttemptAt}). */
    PENDING,
    /** Claimed by a worker that is sending it now. */
    IN_FLIGHT,
    /** The target answered 2xx. */
    DELIVERED,
    /** Every attempt of the retry schedule failed (or the target answered 410 Gone); only a redeliver revives it. */
    DEAD
}
