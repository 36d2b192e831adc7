package dev.verity.verification.collections;

import dev.verity.events.read.DirectoryEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the users and groups on {@code verity.directory} into this service's membership copy. */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private final EventConsumer consumer;
    private final AccessChanges access;

    DirectoryEventsConsumer(EventConsumer consumer, AccessChanges access) {
        this.consumer = consumer;
        this.access = access;
    }

    /**
     * One record at a time, in partition order. The platform's {@code EventConsumer} waits out outages and
     * dead-letters only what can never succeed.
     */
    @Incoming("directory-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, AccessChanges.DIRECTORY_CONSUMER, DirectoryEventReader.CHANGES,
                (event, change) -> access.applyDirectory(change.event(), change.removal()));
    }
}
