package dev.verity.notification.messaging;

import dev.verity.events.read.DirectoryEventReader;
import dev.verity.notification.service.DirectoryService;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the users and groups on {@code verity.directory} into the local directory read model. */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private final EventConsumer consumer;
    private final DirectoryService directory;

    DirectoryEventsConsumer(EventConsumer consumer, DirectoryService directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    /**
     * One record at a time, in partition order (one card's or principal's events stay in order). The platform's
     * {@code EventConsumer} waits out outages and dead-letters only what can never succeed.
     */
    @Incoming("directory-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, DirectoryService.CONSUMER, DirectoryEventReader.CHANGES,
                (event, change) -> directory.apply(event.id(), change.event(), change.removal()));
    }
}
