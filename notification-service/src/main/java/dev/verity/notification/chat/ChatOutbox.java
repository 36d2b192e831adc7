package dev.verity.notification.chat;

import dev.verity.notification.inbox.Notification;
import dev.verity.notification.links.CardLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes chat messages down in the transaction that decides them; {@link ChatSender} posts them afterwards. As with
 * email, a retried consumer transaction never posts and a committed one never loses its message; the dedupe key
 * keeps each (event, recipient) to one message.
 */
@ApplicationScoped
public class ChatOutbox {

    private static final Logger LOG = Logger.getLogger(ChatOutbox.class);

    private final ChatDeliveryRepository deliveries;
    private final CardLinks links;
    private final Clock clock;

    ChatOutbox(ChatDeliveryRepository deliveries, CardLinks links, Clock clock) {
        this.deliveries = deliveries;
        this.links = links;
        this.clock = clock;
    }

    /**
     * One message for each notification (with its {@code eventId} set) whose recipient has set a chat webhook: the
     * webhooks in one query, the messages in one insert; a message whose dedupe key is taken (a redelivery) is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifications(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Set<String> withWebhook = new HashSet<>();
        ChatWebhook.<ChatWebhook>list("userId in ?1",
                notifications.stream().map(n -> n.recipientId).distinct().toList())
                .forEach(webhook -> withWebhook.add(webhook.userId));
        List<Notification> messages = notifications.stream().filter(n -> {
            boolean has = withWebhook.contains(n.recipientId);
            if (!has) {
                LOG.debugf("%s has no chat webhook; no chat message for event %s", n.recipientId, n.eventId);
            }
            return has;
        }).toList();
        if (messages.isEmpty()) {
            return;
        }
        deliveries.insert(messages.stream().map(n -> new ChatDeliveryRepository.NewMessage(
                "event:" + n.eventId + ":" + n.recipientId, n.recipientId, n.type.name(),
                ChatMessage.of(n.title, n.message, links.of(n.cardId)))).toList(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}
