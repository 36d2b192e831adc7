package dev.verity.notification.messaging;

import dev.verity.notification.service.DirectoryService;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the users and groups on {@code verity.directory} into the local directory read model. */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private final EventConsumer consumer;
    private final DirectoryEventReader reader;
    private final DirectoryService directory;

    DirectoryEventsConsumer(EventConsumer consumer, DirectoryEventReader reader, DirectoryService directory) {
        this.consumer = consumer;
        this.reader = reader;
        this.directory = directory;
    }

    /**
     * Ordered and one record at a time, so one principal's events are applied in partition order. Transient
     * failures are retried, each attempt in a new transaction; malformed events go to the dead-letter topic.
     */
    @Incoming("directory-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, DirectoryService.CONSUMER, reader::changeOf,
                (event, change) -> directory.apply(event.id(), change.event(), change.removal()));
    }
}
