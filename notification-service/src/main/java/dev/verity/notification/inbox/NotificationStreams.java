package dev.verity.notification.inbox;

import dev.verity.notification.inbox.StreamConfig;
import dev.verity.notification.inbox.Notification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live streams of notifications. Each open stream polls the shared database for its recipient's notifications
 * numbered after the last one it sent: boring and robust. It sees what any instance stored, needs no broker or
 * LISTEN connection, and a reconnect with {@code Last-Event-ID} is the same query from an older number. The
 * numbers follow commit order per recipient, so a poll never skips a notification that commits late.
 */
@ApplicationScoped
public class NotificationStreams {

    static final String EVENT_NAME = "notification";

    private final InboxService notifications;
    private final StreamConfig config;

    NotificationStreams(InboxService notifications, StreamConfig config) {
        this.notifications = notifications;
        this.config = config;
    }

    /** Every notification of {@code recipientId} numbered after {@code after}, first those stored already, then live. */
    Multi<OutboundSseEvent> stream(String recipientId, long after, Sse sse) {
        AtomicLong sent = new AtomicLong(after);
        AtomicLong quietPolls = new AtomicLong();
        long keepAliveEvery = Math.max(1, config.keepAlive().toMillis() / Math.max(1, config.pollInterval().toMillis()));
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.pollInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    List<OutboundSseEvent> events = new ArrayList<>();
                    for (Notification notification : notifications.after(recipientId, sent.get(), config.batchSize())) {
                        events.add(sse.newEventBuilder()
                                .name(EVENT_NAME)
                                .id(Long.toString(notification.seq))
                                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(NotificationResponse.class, NotificationResponse.of(notification))
                                .build());
                        sent.set(notification.seq);
                    }
                    if (!events.isEmpty()) {
                        quietPolls.set(0);
                    } else if (tick == 0) {
                        // the response headers go out with the first write: a client learns at once that it is connected
                        events.add(sse.newEventBuilder().comment("connected").build());
                    } else if (quietPolls.incrementAndGet() % keepAliveEvery == 0) {
                        events.add(sse.newEventBuilder().comment("keep-alive").build());
                    }
                    return events;
                });
    }
}
