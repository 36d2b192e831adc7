package dev.verity.notification.directory;

import dev.verity.events.read.DirectoryEventReader;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the users and groups on {@code verity.directory} into the local directory read model (names, emails, verifier
 * groups) and into platform {@link CollectionAccess} (group members, removed principals: who may read a card's
 * collection), both in the one transaction of the event.
 */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private final EventConsumer consumer;
    private final DirectoryService directory;
    private final CollectionAccess access;

    DirectoryEventsConsumer(EventConsumer consumer, DirectoryService directory, CollectionAccess access) {
        this.consumer = consumer;
        this.directory = directory;
        this.access = access;
    }

    /**
     * One record at a time, in partition order (one card's or principal's events stay in order). The platform's
     * {@code EventConsumer} waits out outages and dead-letters only what can never succeed.
     */
    @Incoming("directory-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, DirectoryService.CONSUMER, DirectoryEventReader.CHANGES,
                (event, change) -> {
                    directory.apply(event.id(), change.event(), change.removal());
                    access.applyDirectory(change.event(), change.removal());
                });
    }
}
