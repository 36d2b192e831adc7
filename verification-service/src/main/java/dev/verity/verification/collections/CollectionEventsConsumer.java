package dev.verity.verification.collections;

import dev.verity.events.read.CollectionEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds collections and their access lists on {@code verity.collections} into this service. */
@ApplicationScoped
public class CollectionEventsConsumer {

    private final EventConsumer consumer;
    private final AccessChanges access;

    CollectionEventsConsumer(EventConsumer consumer, AccessChanges access) {
        this.consumer = consumer;
        this.access = access;
    }

    /**
     * One record at a time, in partition order. The platform's {@code EventConsumer} waits out outages and
     * dead-letters only what can never succeed.
     */
    @Incoming("collection-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, AccessChanges.COLLECTIONS_CONSUMER, CollectionEventReader.CHANGES,
                (event, change) -> access.applyCollection(change, event.type()));
    }
}
