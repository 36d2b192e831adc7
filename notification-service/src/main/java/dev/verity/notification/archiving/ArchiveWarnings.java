package dev.verity.notification.archiving;

import dev.verity.events.ArchiveScheduled;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.directory.Members;
import dev.verity.notification.inbox.Notification;
import dev.verity.notification.recipients.CardReaders;
import dev.verity.notification.recipients.NotificationDispatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * card-service's auto-archive warnings ({@code usage.archive-scheduled}) become a {@code CARD_ARCHIVE_SCHEDULED}
 * notification for each person the event names: the card's owner, its verifier and the collection's owners, each
 * member of a group among them, each once, on the channels they chose. Nobody who may no longer read the collection is
 * told (until its access list is known here, those the event names are).
 */
@ApplicationScoped
public class ArchiveWarnings {

    public static final String CONSUMER = "notification-service/archive-warnings";

    private final DirectoryService directory;
    private final CardReaders readers;
    private final NotificationDispatch dispatch;

    ArchiveWarnings(DirectoryService directory, CardReaders readers, NotificationDispatch dispatch) {
        this.directory = directory;
        this.readers = readers;
        this.dispatch = dispatch;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, ArchiveScheduled event) {
        Map<String, Notification> told = new LinkedHashMap<>();
        for (ArchiveScheduled.Recipient recipient : event.recipients()) {
            if ("GROUP".equals(recipient.principalType())) {
                Members members = directory.recipientsOf(recipient.principalId(), "card " + event.cardId());
                members.userIds().forEach(member -> tell(member, event, told));
            } else {
                tell(recipient.principalId(), event, told);
            }
        }
        dispatch.deliver(eventId, told);
    }

    private void tell(String userId, ArchiveScheduled event, Map<String, Notification> told) {
        if (!told.containsKey(userId) && readers.mayBeTold(userId, event.collectionId(), true)) {
            told.put(userId, Notification.archiveScheduled(userId, event));
        }
    }
}
