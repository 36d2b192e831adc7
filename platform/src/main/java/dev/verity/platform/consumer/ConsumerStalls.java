package dev.verity.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Which consumers are waiting out a failure right now, since when and why ({@link ConsumerHealth} shows them). */
@ApplicationScoped
public class ConsumerStalls {

    record Stall(String topic, int partition, long offset, Instant since, String error) {
    }

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private final Clock clock;

    ConsumerStalls(Clock clock) {
        this.clock = clock;
    }

    void stalled(String consumer, ConsumerRecord<?, ?> record, Throwable error) {
        Instant now = clock.instant();
        stalls.compute(consumer, (name, previous) -> new Stall(record.topic(), record.partition(), record.offset(),
                previous != null && previous.offset() == record.offset() ? previous.since() : now,
                EventConsumer.rootMessage(error)));
    }

    void cleared(String consumer) {
        stalls.remove(consumer);
    }

    /** One line per stalled consumer (by inbox name); empty when every consumer is flowing. */
    Map<String, String> describe() {
        Instant now = clock.instant();
        Map<String, String> described = new java.util.TreeMap<>();
        stalls.forEach((consumer, stall) -> described.put(consumer,
                "waiting out a failure for " + Duration.between(stall.since(), now).toSeconds() + " s at "
                        + stall.topic() + "-" + stall.partition() + "@" + stall.offset() + ": " + stall.error()));
        return described;
    }
}
