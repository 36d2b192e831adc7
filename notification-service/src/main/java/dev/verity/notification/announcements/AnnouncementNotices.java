package dev.verity.notification.announcements;

import dev.verity.events.AnnouncementEvent;
import dev.verity.events.AnnouncementEventTypes;
import dev.verity.notification.directory.DirectoryService;
import dev.verity.notification.inbox.Notification;
import dev.verity.notification.inbox.NotificationType;
import dev.verity.notification.recipients.CardReaders;
import dev.verity.notification.recipients.NotificationDispatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells the recipients of an announcement on their channels: card-service resolved them (groups expanded, each once,
 * only readers) and the event's {@code told} names them; this service only checks once more that each may still read
 * the card (its own access lists, as for every notification) and never tells whoever made the change.
 * {@code ANNOUNCED} for a new announcement or a renewal, {@code ANNOUNCEMENT_REMINDER} for a reminder.
 */
@ApplicationScoped
public class AnnouncementNotices {

    /** This consumer's name in the inbox: each event id is applied once. */
    public static final String CONSUMER = "notification-service/announcements";

    private static final int TITLE_LENGTH = 300;
    private static final int MESSAGE_EXCERPT = 500;
    private static final Logger LOG = Logger.getLogger(AnnouncementNotices.class);

    private final CardReaders readers;
    private final NotificationDispatch dispatch;
    private final DirectoryService directory;

    AnnouncementNotices(CardReaders readers, NotificationDispatch dispatch, DirectoryService directory) {
        this.readers = readers;
        this.dispatch = dispatch;
        this.directory = directory;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String eventId, String type, AnnouncementEvent event) {
        String actorName = directory.nameOf(event.actorId());
        Map<String, Notification> told = new LinkedHashMap<>();
        for (String recipient : event.told()) {
            if (recipient.equals(event.actorId()) || told.containsKey(recipient)) {
                continue;
            }
            // named by the event: told even while the collection's access list has not arrived (CardReaders)
            if (!readers.mayBeTold(recipient, event.collectionId(), true)) {
                LOG.debugf("%s may not read collection %s: not told of announcement %s", recipient,
                        event.collectionId(), event.announcement().id());
                continue;
            }
            told.put(recipient, notice(recipient, type, event, actorName));
        }
        dispatch.deliver(eventId, told);
    }

    private static Notification notice(String recipient, String type, AnnouncementEvent event, String actorName) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.recipientId = recipient;
        notification.cardId = event.cardId();
        notification.cardVersion = event.cardVersion();
        notification.createdAt = event.occurredAt();
        String title = "“" + event.cardTitle() + "”";
        if (AnnouncementEventTypes.REMINDED.equals(type)) {
            notification.type = NotificationType.ANNOUNCEMENT_REMINDER;
            notification.title = abbreviate("Reminder: please read " + title + " and acknowledge it", TITLE_LENGTH);
            notification.message = actorName + " reminds you to read a card announced to you and press “Got it”.";
        } else if (AnnouncementEventTypes.RENEWED.equals(type)) {
            notification.type = NotificationType.ANNOUNCED;
            notification.title = abbreviate(title + " changed: please read it again", TITLE_LENGTH);
            notification.message = actorName + " edited a card announced to you and asks you to read version "
                    + event.announcement().announcedVersion() + " and press “Got it” again.";
        } else {
            notification.type = NotificationType.ANNOUNCED;
            notification.title = abbreviate(actorName + " announced " + title + " to you", TITLE_LENGTH);
            notification.message = actorName + " asks you to read this card and press “Got it”.";
        }
        String message = event.announcement().message();
        if (message != null && !message.isBlank()) {
            notification.message += " “" + abbreviate(message.strip().replaceAll("\\s+", " "), MESSAGE_EXCERPT) + "”";
        }
        return notification;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
