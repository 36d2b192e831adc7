package dev.verity.notification.recipients;

import dev.verity.notification.chat.ChatOutbox;
import dev.verity.notification.inbox.InboxService;
import dev.verity.notification.inbox.Notification;
import dev.verity.notification.inbox.NotificationType;
import dev.verity.notification.email.EmailOutbox;
import dev.verity.notification.metrics.NotificationMetrics;
import dev.verity.notification.preferences.Channel;
import dev.verity.notification.preferences.Mode;
import dev.verity.notification.preferences.PreferenceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers the notifications one event causes on each channel as their recipients chose (preferences): stores the
 * inbox ones and writes down the immediate emails and chat messages. At most one per (event, recipient, channel)
 * whatever redelivers the event: the unique index on {@code notification (event_id, recipient_id)} and the email's
 * and chat message's dedupe keys are the last line behind the platform inbox (a second consumer name, a replay after
 * an inbox purge), and a conflict is skipped rather than failing the event.
 */
@ApplicationScoped
public class NotificationDispatch {

    private final InboxService inbox;
    private final PreferenceService preferences;
    private final EmailOutbox emails;
    private final ChatOutbox chats;
    private final NotificationMetrics metrics;

    NotificationDispatch(InboxService inbox, PreferenceService preferences, EmailOutbox emails, ChatOutbox chats,
            NotificationMetrics metrics) {
        this.metrics = metrics;
        this.chats = chats;
        this.inbox = inbox;
        this.preferences = preferences;
        this.emails = emails;
    }

    /** The notifications one event causes, by recipient. */
    public record Told(String eventId, Map<String, Notification> byRecipient) {
    }

    /**
     * Delivers one notification per recipient of {@code byRecipient} for event {@code eventId}: to the inbox when
     * the recipient takes the type there (IMMEDIATE), by email when they take it by email at once (a DIGEST waits
     * for the daily digest), in chat likewise.
     *
     * @return the notifications stored now (not those an earlier delivery of the event stored)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> deliver(String eventId, Map<String, Notification> byRecipient) {
        return deliverAll(List.of(new Told(eventId, byRecipient)));
    }

    /**
     * {@link #deliver} for the events of a batch, in their order, with a fixed number of statements whatever the
     * batch's size: each recipient's modes are read once per type and channel, the inbox rows go in with one multi-row
     * insert ({@link InboxService#storeAll}, which takes the recipients' sequence row locks in recipient id order, so
     * two transactions with overlapping recipients cannot deadlock; V3__who_hears_what.sql), and the emails and chat
     * messages are written down the same way. A recipient told by several events of the batch gets their
     * notifications numbered in event order.
     *
     * @return the notifications stored now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> deliverAll(List<Told> batch) {
        Map<NotificationType, Set<String>> recipientsByType = new EnumMap<>(NotificationType.class);
        for (Told told : batch) {
            told.byRecipient().values().forEach(n -> recipientsByType
                    .computeIfAbsent(n.type, t -> new HashSet<>()).add(n.recipientId));
        }
        Map<NotificationType, Map<String, Mode>> inboxModes = new EnumMap<>(NotificationType.class);
        Map<NotificationType, Map<String, Mode>> email = new EnumMap<>(NotificationType.class);
        Map<NotificationType, Map<String, Mode>> chat = new EnumMap<>(NotificationType.class);
        recipientsByType.forEach((type, recipients) -> {
            Map<Channel, Map<String, Mode>> modes = preferences.modesOfEveryChannel(recipients, type);
            inboxModes.put(type, modes.get(Channel.INBOX));
            email.put(type, modes.get(Channel.EMAIL));
            chat.put(type, modes.get(Channel.CHAT));
        });
        List<Notification> toInbox = new ArrayList<>();
        List<Notification> toEmail = new ArrayList<>();
        List<Notification> toChat = new ArrayList<>();
        for (Told told : batch) {
            for (Notification notification : told.byRecipient().values()) {
                notification.eventId = told.eventId();
                if (inboxModes.get(notification.type).get(notification.recipientId) == Mode.IMMEDIATE) {
                    toInbox.add(notification);
                } else {
                    metrics.count(notification.type.name(), NotificationMetrics.INBOX, NotificationMetrics.SKIPPED);
                }
                // DIGEST: the daily digest covers it (DigestRunner); OFF: nothing
                if (email.get(notification.type).get(notification.recipientId) == Mode.IMMEDIATE) {
                    toEmail.add(notification);
                }
                if (chat.get(notification.type).get(notification.recipientId) == Mode.IMMEDIATE) {
                    toChat.add(notification); // only if they set a chat webhook
                }
            }
        }
        List<Notification> stored = inbox.storeAll(toInbox);
        stored.forEach(n -> metrics.count(n.type.name(), NotificationMetrics.INBOX, NotificationMetrics.DELIVERED));
        emails.notifications(toEmail);
        chats.notifications(toChat);
        return stored;
    }
}
