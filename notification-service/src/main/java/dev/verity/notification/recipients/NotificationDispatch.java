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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * Delivers one notification per recipient of {@code byRecipient} for event {@code eventId}: to the inbox when
     * the recipient takes the type there (IMMEDIATE), by email when they take it by email at once (a DIGEST waits
     * for the daily digest). Recipients are taken in id order: each takes its recipient's sequence row lock
     * (V3__who_hears_what.sql), and one order for every transaction keeps two events with overlapping recipients from
     * deadlocking.
     *
     * @return the notifications stored now (not those an earlier delivery of the event stored)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> deliver(String eventId, Map<String, Notification> byRecipient) {
        List<Notification> stored = new ArrayList<>();
        Map<NotificationType, List<Notification>> byType = byRecipient.values().stream()
                .collect(Collectors.groupingBy(n -> n.type, () -> new EnumMap<>(NotificationType.class),
                        Collectors.toList()));
        Map<String, Mode> inboxModes = new HashMap<>();
        Map<String, Mode> email = new HashMap<>();
        Map<String, Mode> chat = new HashMap<>();
        byType.forEach((type, notifications) -> {
            List<String> recipients = notifications.stream().map(n -> n.recipientId).toList();
            inboxModes.putAll(preferences.modes(recipients, type, Channel.INBOX));
            email.putAll(preferences.modes(recipients, type, Channel.EMAIL));
            chat.putAll(preferences.modes(recipients, type, Channel.CHAT));
        });
        for (Notification notification : byRecipient.values().stream()
                .sorted(Comparator.comparing(n -> n.recipientId)).toList()) {
            if (inboxModes.get(notification.recipientId) != Mode.IMMEDIATE) {
                metrics.count(notification.type.name(), NotificationMetrics.INBOX, NotificationMetrics.SKIPPED);
            } else if (inbox.store(eventId, notification)) {
                stored.add(notification);
                metrics.count(notification.type.name(), NotificationMetrics.INBOX, NotificationMetrics.DELIVERED);
            }
            // DIGEST: the daily digest covers it (DigestRunner); OFF: nothing
            if (email.get(notification.recipientId) == Mode.IMMEDIATE) {
                emails.notification(eventId, notification);
            }
            if (chat.get(notification.recipientId) == Mode.IMMEDIATE) {
                chats.notification(eventId, notification); // only if they set a chat webhook
            }
        }
        return stored;
    }
}
