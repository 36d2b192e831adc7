package dev.verity.search.popularity;

import dev.verity.events.read.UsageEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds card-service's usage reports on {@code verity.usage} (one per card and interval, never one per view) into
 * {@code card_usage}; {@link PopularityRefresh} turns them into each document's popularity with the clicks.
 */
@ApplicationScoped
public class UsageEventsConsumer {

    public static final String CONSUMER = "search-usage";

    private final EventConsumer consumer;
    private final PopularityRepository popularities;

    UsageEventsConsumer(EventConsumer consumer, PopularityRepository popularities) {
        this.consumer = consumer;
        this.popularities = popularities;
    }

    @Incoming("usage-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, CONSUMER, UsageEventReader.REPORTS, (event, usage) -> popularities.saveUsage(
                usage.cardId(), usage.uniqueViewers(), usage.links(), usage.occurredAt()));
    }
}
