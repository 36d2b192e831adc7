package dev.verity.search.folders;

import dev.verity.events.CollectionEventTypes;
import dev.verity.events.read.CollectionEventReader;
import dev.verity.events.read.DirectoryEventReader;
import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.consumer.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps who-may-read-what (platform {@link CollectionAccess}) from the collection and directory events, so every
 * search can filter on the caller's collections. A revoked grant is applied as soon as its event arrives, and the
 * next search uses it: nothing is cached. Each collection's folder tree ({@link FolderTreeRepository}) is kept from the same
 * events, in the same transaction, and only when the access list applied (the event is newer than the one held).
 */
@ApplicationScoped
public class AccessEventsConsumer {

    /** Inbox names: one per topic. */
    static final String COLLECTIONS = "search-service.collections";
    static final String DIRECTORY = "search-service.directory";

    private final EventConsumer consumer;
    private final CollectionAccess access;
    private final FolderTreeRepository folders;

    AccessEventsConsumer(EventConsumer consumer, CollectionAccess access, FolderTreeRepository folders) {
        this.consumer = consumer;
        this.access = access;
        this.folders = folders;
    }

    @Incoming("collection-events")
    @Blocking
    public void consumeCollection(ConsumerRecord<String, String> record) {
        consumer.consume(record, COLLECTIONS, CollectionEventReader.CHANGES,
                (event, collection) -> {
                    boolean deleted = CollectionEventTypes.DELETED.equals(event.type());
                    if (access.applyCollection(collection, deleted)) {
                        folders.apply(collection, deleted);
                    }
                });
    }

    @Incoming("directory-events")
    @Blocking
    public void consumeDirectory(ConsumerRecord<String, String> record) {
        consumer.consume(record, DIRECTORY, DirectoryEventReader.CHANGES,
                (event, change) -> access.applyDirectory(change.event(), change.removal()));
    }
}
