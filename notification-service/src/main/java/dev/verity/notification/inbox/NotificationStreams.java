package dev.verity.notification.inbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live streams of notifications. A stream reads its recipient's notifications numbered after the last one it sent
 * from the shared database when it opens, whenever that recipient's notifications are stored by any instance
 * (PostgreSQL {@code LISTEN/NOTIFY}: {@link InboxSignalRepository}), and, as a safety net for a lost signal, every
 * {@code poll-interval}: an idle stream costs one query per poll interval, not one a second. A reconnect with
 * {@code Last-Event-ID} is the same query from an older number. The numbers follow commit order per recipient, so a
 * read never skips a notification that commits late.
 */
@ApplicationScoped
public class NotificationStreams {

    static final String EVENT_NAME = "notification";

    private final InboxService notifications;
    private final InboxSignalRepository signals;
    private final StreamConfig config;

    NotificationStreams(InboxService notifications, InboxSignalRepository signals, StreamConfig config) {
        this.notifications = notifications;
        this.signals = signals;
        this.config = config;
    }

    /** Every notification of {@code recipientId} numbered after {@code after}, first those stored already, then live. */
    Multi<OutboundSseEvent> stream(String recipientId, long after, Sse sse) {
        AtomicLong sent = new AtomicLong(after);
        AtomicBoolean connected = new AtomicBoolean();
        AtomicLong lastWrite = new AtomicLong(System.nanoTime());
        Multi<Boolean> wakeUps = Multi.createFrom().emitter(emitter -> {
            Runnable wakeUp = () -> emitter.emit(Boolean.TRUE);
            signals.subscribe(recipientId, wakeUp);
            emitter.onTermination(() -> signals.unsubscribe(recipientId, wakeUp));
        }, BackPressureStrategy.LATEST);
        Duration every = config.pollInterval().compareTo(config.keepAlive()) < 0 ? config.pollInterval()
                : config.keepAlive();
        long keepAliveAfter = config.keepAlive().minus(every.dividedBy(2)).toNanos(); // a tick's jitter may not cost one
        Multi<Boolean> polls = Multi.createFrom().ticks().startingAfter(every).every(every).onOverflow().drop()
                .map(tick -> Boolean.FALSE);
        // reads never pile up: while one runs, the wake-ups and polls that come meanwhile are one read more
        return Multi.createBy().merging().streams(Multi.createFrom().item(Boolean.TRUE), wakeUps, polls)
                .onOverflow().dropPreviousItems()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(woken -> {
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
                    if (events.size() == config.batchSize()) {
                        signals.wake(recipientId); // more waiting: read on after these are written
                    }
                    long now = System.nanoTime();
                    if (!connected.getAndSet(true) && events.isEmpty()) {
                        // the response headers go out with the first write: a client learns at once that it is connected
                        events.add(sse.newEventBuilder().comment("connected").build());
                    } else if (events.isEmpty() && now - lastWrite.get() >= keepAliveAfter) {
                        events.add(sse.newEventBuilder().comment("keep-alive").build());
                    }
                    if (!events.isEmpty()) {
                        lastWrite.set(now);
                    }
                    return events;
                });
    }
}
