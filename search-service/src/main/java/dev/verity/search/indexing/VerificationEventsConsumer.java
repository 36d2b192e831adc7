package dev.verity.search.indexing;

import dev.verity.events.read.VerificationEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the verification events on {@code verity.verifications} into the cards' documents (state and ranking). */
@ApplicationScoped
public class VerificationEventsConsumer {

    private final EventConsumer consumer;
    private final VerificationIndexing indexing;

    VerificationEventsConsumer(EventConsumer consumer, VerificationIndexing indexing) {
        this.consumer = consumer;
        this.indexing = indexing;
    }

    @Incoming("verification-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, VerificationIndexing.CONSUMER, VerificationEventReader.ALL,
                (event, verification) -> indexing.apply(verification, event.type()));
    }
}
