package dev.verity.notification.recipients;

import dev.verity.events.CollectionEventTypes;
import dev.verity.events.read.CollectionEventReader;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps who-may-read-which-collection (platform {@link CollectionAccess}) from {@code verity.collections}, so a card's
 * followers are told of its changes only while they may read its collection, and nobody follows a card they cannot
 * read. A revoked grant counts from the moment its event is applied: nothing is cached.
 */
@ApplicationScoped
public class CollectionEventsConsumer {

    /** The inbox name of this consumer. */
    public static final String CONSUMER = "notification-service/collections";

    private final EventConsumer consumer;
    private final CollectionAccess access;

    CollectionEventsConsumer(EventConsumer consumer, CollectionAccess access) {
        this.consumer = consumer;
        this.access = access;
    }

    /**
     * A batch at a time, one after the other (one collection's events stay in order), in one transaction: a burst of
     * collection changes (a bulk share) costs one commit, not one each.
     */
    @Incoming("collection-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, CONSUMER, CollectionEventReader.CHANGES,
                collections -> collections.forEach(claimed -> access.applyCollection(claimed.value(),
                        CollectionEventTypes.DELETED.equals(claimed.event().type()))));
    }
}
