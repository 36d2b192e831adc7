package dev.verity.notification.email;

import dev.verity.notification.directory.DirectoryUser;
import dev.verity.notification.email.EmailDeliveryRepository.NewEmail;
import dev.verity.notification.links.CardLinks;
import dev.verity.notification.inbox.Notification;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides emails inside the transaction of whatever causes them (an event, a digest) and only writes them down:
 * {@link EmailSender} sends them afterwards. A consumer transaction that is retried therefore never sends, and
 * one that commits never loses its email. {@code dedupe_key} keeps each (event, recipient), and each digest day,
 * to one email whatever retries.
 */
@ApplicationScoped
public class EmailOutbox {

    private static final Logger LOG = Logger.getLogger(EmailOutbox.class);

    /** A card waiting for the digest's recipient. */
    public record WaitingCard(UUID cardId, String title, String reason, Instant dueAt, String link) {
    }

    private final EmailDeliveryRepository deliveries;
    private final CardLinks links;
    private final Clock clock;
    private final Template notificationHtml;
    private final Template digestHtml;

    EmailOutbox(EmailDeliveryRepository deliveries, CardLinks links, Clock clock,
            @Location("email/notification.html") Template notificationHtml,
            @Location("email/digest.html") Template digestHtml) {
        this.deliveries = deliveries;
        this.links = links;
        this.clock = clock;
        this.notificationHtml = notificationHtml;
        this.digestHtml = digestHtml;
    }

    /**
     * One email for each notification (with its {@code eventId} set), in plain text and HTML with a link to the card,
     * to each recipient the directory has an address for: the addresses in one query, the emails in one insert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifications(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Map<String, String> addresses = addresses(notifications.stream().map(n -> n.recipientId).distinct().toList());
        List<NewEmail> emails = new ArrayList<>();
        for (Notification notification : notifications) {
            String dedupeKey = "event:" + notification.eventId + ":" + notification.recipientId;
            String address = addresses.get(notification.recipientId);
            if (address == null) {
                LOG.debugf("%s has no email address in the directory; no email for %s", notification.recipientId,
                        dedupeKey);
                continue;
            }
            String link = links.of(notification.cardId);
            String text = notification.message + "\n\nOpen the card: " + link + "\n";
            String html = notificationHtml.data("title", notification.title).data("message", notification.message)
                    .data("link", link).render();
            emails.add(new NewEmail(dedupeKey, notification.recipientId, address, notification.title, text, html));
        }
        insert(emails);
    }

    /** The daily digest of {@code day}: every card waiting for the recipient's verification. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void digest(String recipientId, LocalDate day, List<WaitingCard> cards) {
        String subject = cards.size() == 1 ? "1 card waits for your verification"
                : cards.size() + " cards wait for your verification";
        StringBuilder text = new StringBuilder("Cards waiting for your verification on ").append(day).append(":\n\n");
        for (WaitingCard card : cards) {
            text.append("- ").append(card.title()).append(" (").append(why(card)).append(")\n  ")
                    .append(card.link()).append('\n');
        }
        String html = digestHtml.data("day", day).data("cards", cards.stream()
                .map(card -> new DigestLine(card.title(), why(card), card.link())).toList()).render();
        write("digest:" + recipientId + ":" + day, recipientId, subject, text.toString(), html);
    }

    /** One line of the digest's HTML. */
    @TemplateData
    public record DigestLine(String title, String why, String link) {
    }

    private static String why(WaitingCard card) {
        String reason = card.reason() == null ? "unverified"
                : "NEW".equals(card.reason()) ? "new, never verified" : card.reason().toLowerCase().replace('_', ' ');
        return card.dueAt() == null ? reason : reason + ", due " + LocalDate.ofInstant(card.dueAt(), ZoneOffset.UTC);
    }

    private void write(String dedupeKey, String recipientId, String subject, String text, String html) {
        String address = addresses(List.of(recipientId)).get(recipientId);
        if (address == null) {
            LOG.debugf("%s has no email address in the directory; no email for %s", recipientId, dedupeKey);
            return;
        }
        insert(List.of(new NewEmail(dedupeKey, recipientId, address, subject, text, html)));
    }

    /** The directory's address of each of the users that has one. */
    private static Map<String, String> addresses(List<String> userIds) {
        Map<String, String> addresses = new HashMap<>();
        DirectoryUser.<DirectoryUser>list("id in ?1", userIds).stream()
                .filter(user -> user.email != null && !user.email.isBlank())
                .forEach(user -> addresses.put(user.id, user.email));
        return addresses;
    }

    private void insert(List<NewEmail> emails) {
        deliveries.insert(emails, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}
