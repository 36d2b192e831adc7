package dev.verity.notification.announcements;

import dev.verity.events.read.AnnouncementEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the announcement events on {@code verity.announcements} into this service: recipients are told. */
@ApplicationScoped
public class AnnouncementEventsConsumer {

    private final EventConsumer consumer;
    private final AnnouncementNotices notices;

    AnnouncementEventsConsumer(EventConsumer consumer, AnnouncementNotices notices) {
        this.consumer = consumer;
        this.notices = notices;
    }

    /** One record at a time, in partition order (one card's announcements stay in order); acknowledgements skipped. */
    @Incoming("announcement-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, AnnouncementNotices.CONSUMER, AnnouncementEventReader.TELLING,
                (event, announcement) -> notices.apply(event.id(), event.type(), announcement));
    }
}
