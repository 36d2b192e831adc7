package dev.verity.notification.archiving;

import dev.verity.events.read.UsageEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the auto-archive warnings on {@code verity.usage} into {@link ArchiveWarnings}; usage reports are skipped. */
@ApplicationScoped
public class ArchiveWarningsConsumer {

    private final EventConsumer consumer;
    private final ArchiveWarnings warnings;

    ArchiveWarningsConsumer(EventConsumer consumer, ArchiveWarnings warnings) {
        this.consumer = consumer;
        this.warnings = warnings;
    }

    @Incoming("usage-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, ArchiveWarnings.CONSUMER, UsageEventReader.ARCHIVE_WARNINGS,
                (event, warning) -> warnings.apply(event.id(), warning));
    }
}
