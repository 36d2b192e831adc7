package dev.verity.platform.cloudevents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a CloudEvent off a Kafka record and accepts it only from a source this service trusts: anyone who can
 * write to a topic could otherwise make a consumer act on a forged "card.updated". A forged or misrouted event is
 * a {@link MalformedEventException}, so it goes to the dead-letter topic, where an operator sees it.
 */
@ApplicationScoped
public class TrustedEvents {

    @ConfigMapping(prefix = "verity.events")
    public interface Sources {

        /** CloudEvents {@code source} values this service consumes events from. */
        @WithDefault("/card-service")
        Set<String> trustedSources();
    }

    private final Sources sources;

    /** Public so that tests of the consumer policy can build one with the sources they trust. */
    public TrustedEvents(Sources sources) {
        this.sources = sources;
    }

    public IncomingCloudEvent read(ConsumerRecord<String, String> record) {
        IncomingCloudEvent event = IncomingCloudEvent.from(record);
        if (!sources.trustedSources().contains(event.source())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type() + ") on " + record.topic()
                    + " comes from source '" + event.source() + "', which this service does not trust "
                    + sources.trustedSources());
        }
        return event;
    }
}
