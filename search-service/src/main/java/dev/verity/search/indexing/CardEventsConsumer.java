package dev.verity.search.indexing;

import dev.verity.events.read.CardEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
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
     * A batch at a time (whatever one poll brought, up to {@code max.poll.records}), one batch after the other, so
     * one card's events stay in order. Under load many events share one transaction and one {@code _bulk}; in quiet
     * times a batch is a single event, which waits for nothing. The platform's {@code EventConsumer} waits out
     * outages and dead-letters only the events that can never succeed, one by one.
     */
    @Incoming("card-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, CardIndexing.CONSUMER, CardEventReader.SNAPSHOTS, indexing::apply);
    }
}
