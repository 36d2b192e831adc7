package dev.verity.search.messaging;

import dev.verity.events.read.CardEventReader;
import dev.verity.platform.consumer.EventConsumer;
import dev.verity.search.service.CardIndexing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the card events on {@code verity.cards} into the search index. */
@ApplicationScoped
public class CardEventsConsumer {

    private final EventConsumer consumer;
    private final CardIndexing indexing;

    CardEventsConsumer(EventConsumer consumer, CardIndexing indexing) {
        this.consumer = consumer;
        this.indexing = indexing;
    }

    /**
     * One record at a time, in partition order (one card's or principal's events stay in order). The platform's
     * {@code EventConsumer} waits out outages and dead-letters only what can never succeed.
     */
    @Incoming("card-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, CardIndexing.CONSUMER, CardEventReader.SNAPSHOTS,
                (event, card) -> indexing.apply(event.id(), card, event.type()));
    }
}
