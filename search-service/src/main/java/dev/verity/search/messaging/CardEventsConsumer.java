package dev.verity.search.messaging;

import dev.verity.platform.cards.CardEventReader;
import dev.verity.platform.cloudevents.MalformedEventException;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.search.service.CardIndexing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the card events on {@code verity.cards} into the search index. */
@ApplicationScoped
public class CardEventsConsumer {

    private final EventConsumer consumer;
    private final CardEventReader reader;
    private final CardIndexing indexing;

    CardEventsConsumer(EventConsumer consumer, CardEventReader reader, CardIndexing indexing) {
        this.consumer = consumer;
        this.reader = reader;
        this.indexing = indexing;
    }

    /**
     * One record at a time in partition order. Transient failures (Elasticsearch or the database briefly away) are
     * retried, each attempt in a new transaction; malformed events go straight to the dead-letter topic.
     */
    @Incoming("card-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, CardIndexing.CONSUMER, reader::snapshotOf,
                (event, card) -> indexing.apply(event.id(), card, event.type()));
    }
}
