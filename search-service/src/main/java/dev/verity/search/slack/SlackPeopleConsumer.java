package dev.verity.search.slack;

import dev.verity.events.read.DirectoryEventReader;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the directory users' emails from verity.directory for the Slack app. A consumer group of its own (not the
 * access model's): deployed onto a running system it reads the topic from its start, so it learns the users who
 * have not changed since, which the access model's group, long past them, would never show it.
 */
@ApplicationScoped
public class SlackPeopleConsumer {

    /** Inbox name. */
    public static final String INBOX = "search-service.slack-people";

    private final EventConsumer consumer;
    private final SlackPeopleRepository people;

    SlackPeopleConsumer(EventConsumer consumer, SlackPeopleRepository people) {
        this.consumer = consumer;
        this.people = people;
    }

    @Incoming("slack-directory-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, INBOX, DirectoryEventReader.CHANGES, (event, change) -> {
            if ("USER".equals(change.event().principalType())) {
                people.apply(change.event());
            }
        });
    }
}
