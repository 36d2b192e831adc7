package dev.verity.verification.messaging;

import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.verification.service.AccessEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds collections and their access lists on {@code verity.collections} into this service. */
@ApplicationScoped
public class CollectionEventsConsumer {

    private final EventConsumer consumer;
    private final CollectionEventReader reader;
    private final AccessEvents access;

    CollectionEventsConsumer(EventConsumer consumer, CollectionEventReader reader, AccessEvents access) {
        this.consumer = consumer;
        this.reader = reader;
        this.access = access;
    }

    /** Ordered, one record at a time; transient failures retried in a new transaction, malformed events dead-lettered. */
    @Incoming("collection-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, AccessEvents.COLLECTIONS_CONSUMER, reader::changeOf,
                (event, change) -> access.applyCollection(change, event.type()));
    }
}
